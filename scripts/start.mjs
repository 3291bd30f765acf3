// `npm start`: the main job. Builds the extension with its feed prefs set to
// the local feed server (the bundled sample stories and sponsored tiles),
// starts the collector and that server, runs Firefox ESR with the extension
// through `web-ext run`, and prints where to look at the telemetry. Ctrl-C stops all.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const port = process.env.COLLECTOR_PORT ?? '8787';
const feedsPort = process.env.STORIES_PORT ?? '8788';
const feedsOrigin = `http://127.0.0.1:${feedsPort}`;
const children = [];

function start(name, cmd, args, options = {}) {
  const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...options });
  children.push(child);
  const prefix = (line) => line && console.log(`[${name}] ${line}`);
  child.stdout.on('data', (d) => String(d).split('\n').forEach(prefix));
  child.stderr.on('data', (d) => String(d).split('\n').forEach(prefix));
  child.on('exit', (code) => {
    console.log(`[${name}] exited (${code})`);
    if (name !== 'firefox') stopAll(code ?? 1);
  });
  return child;
}

function run(cmd, args, env = {}) {
  return new Promise((ok, fail) =>
    spawn(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).on('exit', (code) =>
      code === 0 ? ok() : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}`)),
    ),
  );
}

function stopAll(code = 0) {
  for (const child of children) {
    // Process groups: web-ext leaves Firefox behind if only its own pid is killed.
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  setTimeout(() => process.exit(code), 500);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

await run('npm', ['run', 'build'], {
  TELEMETRY_ENDPOINT: process.env.TELEMETRY_ENDPOINT ?? `http://127.0.0.1:${port}`,
  // A release build starts with no feeds; this one shows the samples, explicitly.
  STORIES_FEED_URL: process.env.STORIES_FEED_URL ?? `${feedsOrigin}/stories.json`,
  SPONSORED_FEED_URL: process.env.SPONSORED_FEED_URL ?? `${feedsOrigin}/sponsored-tiles.json`,
  MESSAGING_SERVER: process.env.MESSAGING_SERVER ?? feedsOrigin,
});
start('collector', 'npx', ['tsx', 'collector/src/main.ts', '--port', port, '--db', process.env.COLLECTOR_DB ?? 'data/telemetry.db']);

start('feeds', 'node', ['scripts/storiesFeedServer.mjs', feedsPort]);

const firefoxArgs = ['web-ext', 'run', '--source-dir', 'dist/firefox', '--firefox', process.env.FIREFOX ?? '/usr/bin/firefox-esr', '--no-input', '--no-reload'];
// Without a display (CI machines, SSH sessions) Firefox runs headless.
if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) firefoxArgs.push('--arg=-headless');
start('firefox', 'npx', firefoxArgs);

console.log(`
Open Activity Stream is running.
  Telemetry dashboard: http://127.0.0.1:${port}/dashboard
  Read API:            http://127.0.0.1:${port}/api/documents?limit=20
  Firefox ESR opens with the extension; open a new tab to see it. Ctrl-C stops everything.
`);
