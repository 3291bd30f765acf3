#!/usr/bin/env -S node --experimental-websocket --no-warnings
// Starts Firefox ESR as Playwright asks, but tells Playwright that WebDriver
// BiDi is listening only once a tab whose URL contains OAS_FIREFOX_AWAIT_TAB
// is open (or after 20 s, with a line saying so). Why: Playwright ignores the tabs
// that exist when it connects, then waits for the load of the first tab it
// sees; our add-on's welcome tab, opened on install, could be that tab, and
// an extension page reports no load under WebDriver-BiDi, so the start hung
// (about 4 in 100 starts on a busy machine). Seen before Playwright connects,
// the welcome tab is out of that race. A short BiDi session of our own looks.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const FIREFOX = '/usr/bin/firefox-esr';
const awaitTab = process.env.OAS_FIREFOX_AWAIT_TAB ?? '';
/** Well inside the harness's 30 s for a start; a welcome tab not open by then is the test's to report. */
const deadlineMs = 20_000;

const firefox = spawn(FIREFOX, process.argv.slice(2), { stdio: ['inherit', 'inherit', 'pipe'] });
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => firefox.kill(signal));
firefox.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

let held = false;
createInterface({ input: firefox.stderr }).on('line', (line) => {
  const listening = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(line);
  if (!listening || held || !awaitTab) return void process.stderr.write(`${line}\n`);
  held = true;
  void waitForTab(`${listening[1]}/session`)
    .catch((error) => process.stderr.write(`firefoxAfterTab: did not see the tab (${error.message}); letting the driver connect\n`))
    .finally(() => process.stderr.write(`${line}\n`));
});

/** Opens a BiDi session, polls the top-level tabs until one matches, ends the session. */
async function waitForTab(url) {
  const ws = new WebSocket(url);
  const replies = new Map();
  let nextId = 1;
  ws.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    replies.get(message.id)?.(message);
    replies.delete(message.id);
  });
  const send = (method, params = {}) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      replies.set(id, (m) => (m.type === 'error' ? reject(new Error(`${method}: ${m.error} ${m.message ?? ''}`)) : resolve(m.result)));
      ws.send(JSON.stringify({ id, method, params }));
    });
  await new Promise((resolve, reject) => {
    ws.addEventListener('open', resolve, { once: true });
    ws.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)), { once: true });
  });
  try {
    await send('session.new', { capabilities: {} });
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const { contexts } = await send('browsingContext.getTree', { maxDepth: 0 });
      if (contexts.some((c) => c.url.includes(awaitTab))) break;
      if (Date.now() > deadline) throw new Error(`no tab at ${awaitTab} after ${deadlineMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await send('session.end');
  } finally {
    ws.close();
  }
}
