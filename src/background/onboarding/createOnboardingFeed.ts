// The onboarding feed over the real browser: storage.local for the open
// welcome tabs and the attribution, managed storage for an enterprise's
// attribution, and an experiment branch or the messaging router's
// `multistage` message to replace the default screens.
import browser from 'webextension-polyfill';
import { buildConfig } from '../../common/buildConfig';
import { withReturnToAmo } from '../../common/onboarding/rtamo';
import { DEFAULT_WELCOME_FLOW, type WelcomeFlow, type WelcomeScreen } from '../../common/onboarding/screens';
import type { PrefValues } from '../../common/prefs';
import type { ExperimentManager } from '../experiments/ExperimentManager';
import type { MessagingRouter } from '../messaging/MessagingRouter';
import { storageAreaAdapter } from '../storage';
import { loadAttribution } from './attributionStore';
import { OnboardingFeed } from './OnboardingFeed';

const SESSION_KEY = 'onboarding.sessionStarted';
export const WELCOME_PATH = 'welcome/welcome.html';
const EXPERIMENTS_GATE_MS = 2_000;

/** An experiment branch's screens, else the router's best `multistage` message for a first run, else the defaults. */
export async function chooseWelcomeFlow(router: MessagingRouter, experiments: Pick<ExperimentManager, 'welcomeScreens' | 'idle'>): Promise<WelcomeFlow> {
  // The first evaluation may enroll this very install (Firefox's experimentsGate); not for long.
  await Promise.race([experiments.idle(), new Promise((resolve) => setTimeout(resolve, EXPERIMENTS_GATE_MS))]);
  const branch = experiments.welcomeScreens();
  if (branch) return { id: branch.slug, screens: branch.screens };
  const message = await router.choose({ id: 'firstRun' }, (m) => m.template === 'multistage');
  if (!message) return DEFAULT_WELCOME_FLOW;
  // Validated when it was loaded (validateMessage.ts).
  return { id: message.id, screens: (message.content as { screens: WelcomeScreen[] }).screens };
}

export async function createOnboardingFeed(router: MessagingRouter, experiments: ExperimentManager, prefs: () => PrefValues): Promise<OnboardingFeed> {
  const local = storageAreaAdapter(browser.storage.local);
  const session = await browser.storage.session.get(SESSION_KEY);
  if (!session[SESSION_KEY]) await browser.storage.session.set({ [SESSION_KEY]: true });
  const attribution = loadAttribution(local, {
    // Firefox throws without a policy's managed-storage manifest; Chromium answers {}.
    managed: async () => (await browser.storage.managed.get('attribution')).attribution,
    buildCode: buildConfig.attribution,
  });
  return new OnboardingFeed({
    storage: local,
    session: storageAreaAdapter(browser.storage.session),
    chooseFlow: async () =>
      withReturnToAmo(await chooseWelcomeFlow(router, experiments), (await attribution).attribution, prefs()['onboarding.addonListingUrl']),
    attribution: async () => (await attribution).attribution,
    newBrowserSession: !session[SESSION_KEY],
    welcomeUrl: browser.runtime.getURL(WELCOME_PATH),
  });
}
