/**
 * CLI: `npm run collector -- --port 8787 --db data/telemetry.db --retention-days 30`
 * (or `--db postgres://user@host/db`, also from DATABASE_URL).
 * Exit codes: 0 clean stop, 1 could not start, 2 bad configuration.
 */
import { startCollector } from './collector';
import { ConfigError, parseCliSettings, USAGE, type CliSettings } from './config';

const log = (line: string) => console.log(`[collector] ${line}`);

async function main(): Promise<void> {
  let settings: CliSettings | null;
  try {
    settings = parseCliSettings(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`collector: ${error.message}`);
    process.exit(2);
  }
  if (settings === null) {
    console.log(USAGE);
    return;
  }

  let collector;
  try {
    collector = await startCollector({
      host: settings.host,
      port: settings.port,
      dbPath: settings.dbPath,
      retentionDays: settings.retentionDays,
      faults: settings.faults,
      maxDbBytes: settings.maxDbBytes,
      schemaDir: settings.schemaDir,
      faultRoute: settings.faultRoute,
      token: settings.token,
      readHosts: settings.readHosts,
      extensionIds: settings.extensionIds,
      postgres: { poolSize: settings.poolSize, statementTimeoutMs: settings.statementTimeoutMs },
      limits: settings.maxConcurrentPerClient === undefined ? undefined : { maxConcurrentPerClient: settings.maxConcurrentPerClient },
      log,
    });
  } catch (error) {
    console.error(`collector: could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  const running = collector;
  if (settings.faults) log(`fault injection on: ${JSON.stringify(running.faults)}`);
  // A token the operator did not choose is shown once, so the dashboard can be opened with it.
  const fragment = running.token !== null && settings.token === undefined ? `#token=${running.token}` : '';

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`collector: second ${signal}, exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal} received, finishing in-flight requests`);
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`collector: error while stopping: ${(error as Error).message}`);
        process.exit(1);
      },
    );
  };
  // Before the ready line: whoever reads it may stop us at once.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The ready line comes last: a reader may act on it before any later line is written.
  if (fragment) console.log(`Read token (Authorization: Bearer): ${running.token}`);
  console.log(`Collector ready at ${running.url} (dashboard ${running.url}/dashboard${fragment})`);
}

void main();
