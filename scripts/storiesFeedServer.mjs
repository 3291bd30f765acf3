// A local feed server: serves the bundled samples, the stories feed at
// /stories.json and the sponsored tiles (with their icons) at
// /sponsored-tiles.json, so a developer can point prefs
// 'discoverystream.feedUrl' and 'topsites.sponsoredFeedUrl' at real HTTP
// feeds (`npm start` builds with them set). End-to-end tests use it too,
// adding routes that answer with other feeds, errors or hostile payloads.
// It also serves sample message collections in the shape of Remote Settings'
// records API, `/v1/buckets/main/collections/<id>/records` (scripts/sampleMessages.mjs;
// the collection `failing` answers 500), for pref 'messaging.remoteServer', and
// sample experiment recipes (scripts/sampleRecipes.mjs) as `sample-experiments`.
// Run alone: `node scripts/storiesFeedServer.mjs [port]`.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SAMPLE_COLLECTIONS } from './sampleMessages.mjs';
import { SAMPLE_RECIPES } from './sampleRecipes.mjs';

/**
 * Message collections, and the experiment recipes under a name no pref has by
 * default (set 'experiments.collection' to it), so no other test is enrolled.
 */
const COLLECTIONS = { ...SAMPLE_COLLECTIONS, 'sample-experiments': SAMPLE_RECIPES };

export const SAMPLE_FEED_PATH = resolve(import.meta.dirname, '../public/stories/sample-feed.json');
const SAMPLE_TILES_DIR = resolve(import.meta.dirname, '../public/topsites');
const SAMPLE_TILES_FILES = [
  ['/sponsored-tiles.json', 'sponsored-tiles.json', 'application/json'],
  ['/example-shop.svg', 'example-shop.svg', 'image/svg+xml'],
  ['/sample-travel.svg', 'sample-travel.svg', 'image/svg+xml'],
];
export const DEFAULT_PORT = 8788;
const RECORDS_PATH = /^\/v1\/buckets\/main\/collections\/([\w-]+)\/records$/;

/** A sample collection's records, `{data: [...]}`; a 500 for `failing`; null for any other path. */
function sampleCollection(path) {
  const id = RECORDS_PATH.exec(path)?.[1];
  if (id === 'failing') return { status: 500, body: '{"error":"sample failure"}' };
  if (!id || !Object.hasOwn(COLLECTIONS, id)) return null;
  return { status: 200, body: JSON.stringify({ data: COLLECTIONS[id] }) };
}

/**
 * Starts the server on 127.0.0.1 (`port` 0 picks a free one). Routes map a
 * path to a response; `/stories.json` serves the sample feed until replaced.
 */
export async function startStoriesFeedServer({ port = DEFAULT_PORT, host = '127.0.0.1' } = {}) {
  const routes = new Map([
    ['/stories.json', async () => ({ status: 200, body: await readFile(SAMPLE_FEED_PATH) })],
    ...SAMPLE_TILES_FILES.map(([path, file, contentType]) => [
      path,
      async () => ({ status: 200, body: await readFile(resolve(SAMPLE_TILES_DIR, file)), contentType }),
    ]),
  ]);
  const requests = [];
  const queries = [];
  const server = createServer(async (req, res) => {
    const { pathname: path, search } = new URL(req.url ?? '/', 'http://localhost');
    requests.push(path);
    queries.push({ path, search });
    const route = routes.get(path);
    try {
      const { status, body = '', contentType = 'application/json' } = route
        ? await route()
        : (sampleCollection(path) ?? { status: 404, body: 'not found' });
      res.writeHead(status, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, ok);
  });
  const origin = `http://${host}:${server.address().port}`;
  return {
    origin,
    /** The sample feed's URL. */
    url: `${origin}/stories.json`,
    /** The sample sponsored tiles' URL. */
    sponsoredUrl: `${origin}/sponsored-tiles.json`,
    /** Paths requested so far, in order. */
    requests,
    /** The same requests with their query strings (`search`, '' when none): what a feed is told about the user. */
    queries,
    /** Serves what `respond()` resolves to, `{status, body, contentType?}`, at `path`; returns the URL. */
    route(path, respond) {
      routes.set(path, respond);
      return `${origin}${path}`;
    },
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        // Browsers keep connections alive; without this, close waits for them.
        server.closeAllConnections();
      }),
  };
}

/** A route answer with a JSON body. */
export const json = (value, status = 200) => async () => ({ status, body: JSON.stringify(value) });

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.argv[2] ?? process.env.STORIES_PORT ?? DEFAULT_PORT);
  const feed = await startStoriesFeedServer({ port });
  console.log(`Stories feed: ${feed.url}`);
  console.log(`Sponsored tiles feed: ${feed.sponsoredUrl}`);
  console.log(`Set prefs 'discoverystream.feedUrl' and 'topsites.sponsoredFeedUrl' to them; left empty, the extension shows no stories and no sponsored tiles.`);
  console.log(`Messages (pref 'messaging.remoteServer'): ${feed.origin}, collections ${Object.keys(COLLECTIONS).join(', ')}, failing`);
  const stop = () => feed.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
