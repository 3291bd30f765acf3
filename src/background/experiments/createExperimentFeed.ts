// The experiment manager over the real browser: recipes from the
// `experiments.collection` collection of the messaging server (Remote
// Settings' records API), the router's targeting attributes, storage.local
// for enrollments, an alarm for the schedule.
import browser from 'webextension-polyfill';
import type { Recipe } from '../../common/experiments/types';
import type { PrefValues } from '../../common/prefs';
import { fetchJsonCapped } from '../fetchJson';
import type { MessagingRouterFeed } from '../messaging/MessagingRouterFeed';
import { recordsUrl } from '../messaging/providers';
import { storageAreaAdapter } from '../storage';
import { EXPERIMENTS_KEY } from '../telemetry/environment';
import { ExperimentFeed } from './ExperimentFeed';
import { ExperimentManager } from './ExperimentManager';
import type { ExperimentMessagesProvider } from './ExperimentMessagesProvider';
import { validateRecipes } from './recipes';

export const EXPERIMENTS_REFRESH_ALARM = 'experiments.refresh';
const REFRESH_MINUTES = 60;

/** The recipes now: [] when no server is set, null when the collection could not be read. */
async function fetchRecipes(prefs: PrefValues): Promise<Recipe[] | null> {
  const url = recordsUrl(prefs['messaging.remoteServer'], prefs['experiments.collection']);
  if (!url) return [];
  try {
    const body = (await fetchJsonCapped((i, o) => fetch(i, o), url, { maxBytes: 2_000_000, timeoutMs: 10_000 })) as { data?: unknown } | null;
    if (!body || !Array.isArray(body.data)) throw new Error('the answer has no "data" list');
    return validateRecipes(body.data);
  } catch (error) {
    console.warn(`Experiments: recipes could not be read: ${String(error)}`);
    return null;
  }
}

export async function createExperimentFeed(
  prefs: () => PrefValues,
  messaging: MessagingRouterFeed,
  provider: ExperimentMessagesProvider,
): Promise<{ feed: ExperimentFeed; manager: ExperimentManager }> {
  const local = storageAreaAdapter(browser.storage.local);
  const manager: ExperimentManager = new ExperimentManager({
    storage: local,
    fetchRecipes: () => fetchRecipes(prefs()),
    targeting: messaging.router.targeting,
    studiesEnabled: () => prefs()['studies.enabled'],
    now: () => Date.now(),
    uuid: () => crypto.randomUUID(),
    report: (event) => feed.report(event),
    changed: (active) => {
      // Telemetry reads it at its next start; the action keeps the running feed current.
      void local.set(EXPERIMENTS_KEY, active);
      provider.set(manager.messages());
      void messaging.refresh(true);
      feed.changed(active);
    },
  });
  const feed: ExperimentFeed = new ExperimentFeed(manager);
  await manager.load();
  provider.set(manager.messages());
  if (!(await browser.alarms.get(EXPERIMENTS_REFRESH_ALARM))) browser.alarms.create(EXPERIMENTS_REFRESH_ALARM, { periodInMinutes: REFRESH_MINUTES });
  return { feed, manager };
}
