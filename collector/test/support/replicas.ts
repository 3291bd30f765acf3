/** Collector replicas as real processes (`node --import tsx collector/src/main.ts`), for tests and the bench. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface Replica {
  url: string;
  child: ChildProcess;
  /** SIGKILL: no graceful stop, requests in flight are cut. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export async function startReplica(db: string, args: string[] = []): Promise<Replica> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'collector/src/main.ts', '--db', db, '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`replica did not start: ${out} ${err}`)), 30_000);
    const look = () => {
      const match = /Collector ready at (http:\/\/\S+?) /.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', look);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`replica exited (${code}): ${err}`));
    });
  });
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { url, child, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}
