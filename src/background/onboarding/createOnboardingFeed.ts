// The onboarding feed over the real browser: storage.local for the open
// welcome tabs and the attribution, managed storage for an enterprise's
// attribution, and the messaging router for a `multistage` message that
// replaces the default screens.
import browser from 'webextension-polyfill';
import { buildConfig } from '../../common/buildConfig';
import { DEFAULT_WELCOME_FLOW, type WelcomeFlow, type WelcomeScreen } from '../../common/onboarding/screens';
import type { MessagingRouter } from '../messaging/MessagingRouter';
import { storageAreaAdapter } from '../storage';
import { loadAttribution } from './attributionStore';
import { OnboardingFeed } from './OnboardingFeed';

const SESSION_KEY = 'onboarding.sessionStarted';
export const WELCOME_PATH = 'welcome/welcome.html';

/** The router's best `multistage` message for a first run, or the default screens. */
export async function chooseWelcomeFlow(router: MessagingRouter): Promise<WelcomeFlow> {
  const message = await router.choose({ id: 'firstRun' }, (m) => m.template === 'multistage');
  if (!message) return DEFAULT_WELCOME_FLOW;
  // Validated when it was loaded (validateMessage.ts).
  return { id: message.id, screens: (message.content as { screens: WelcomeScreen[] }).screens };
}

export async function createOnboardingFeed(router: MessagingRouter): Promise<OnboardingFeed> {
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
    chooseFlow: () => chooseWelcomeFlow(router),
    attribution: async () => (await attribution).attribution,
    newBrowserSession: !session[SESSION_KEY],
    welcomeUrl: browser.runtime.getURL(WELCOME_PATH),
  });
}
