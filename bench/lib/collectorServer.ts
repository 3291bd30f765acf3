// A collector in its own process for the throughput benchmark, so the load
// generator does not share its event loop. Prints one JSON line {"url": …}
// when listening; stops cleanly on SIGTERM or when stdin closes.
//   node --import tsx bench/lib/collectorServer.ts <dbPath|postgres://…> [maxConcurrentPerClient]
import { startCollector } from '../../collector/src/index';

const dbPath = process.argv[2];
if (!dbPath) {
  console.error('usage: collectorServer.ts <dbPath>');
  process.exit(2);
}
// The load generator is one address: the engine rows lift the per-address limit so every client is served.
const maxConcurrentPerClient = process.argv[3] ? Number(process.argv[3]) : undefined;
const collector = await startCollector({
  port: 0,
  host: '127.0.0.1',
  dbPath,
  shutdownTimeoutMs: 5_000,
  limits: maxConcurrentPerClient === undefined ? undefined : { maxConcurrentPerClient },
});
console.log(JSON.stringify({ url: collector.url, pid: process.pid }));
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void collector.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
