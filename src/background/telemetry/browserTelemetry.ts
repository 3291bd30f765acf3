// The only telemetry file that talks to `browser.*`: storage areas, fetch,
// alarms, and the browser signals the feed listens to. Listeners are added
// synchronously at background start so each signal can wake a suspended
// background (all but the user going idle, see alarmTimer).
import browser, { type Idle } from 'webextension-polyfill';
import { buildConfig } from '../../common/buildConfig';
import { dataCollectionPermission } from '../../common/dataCollectionPermission';
import { storageAreaAdapter } from '../storage';
import { EXPERIMENTS_KEY, sanitizeExperiments, versionFromUserAgent } from './environment';
import { opensNewTabPage } from './loadTrigger';
import type { FlushTimer } from './PingSender';
import { TelemetryFeed, type TelemetryEnvironment } from './TelemetryFeed';
import { createTransport } from './transports';

export const FLUSH_ALARM = 'telemetry-flush';

interface UserAgentData {
  getHighEntropyValues(hints: string[]): Promise<{ uaFullVersion?: string }>;
}

export const environment: TelemetryEnvironment = {
  async browserVersion() {
    const runtime = browser.runtime as { getBrowserInfo?: () => Promise<{ version: string }> };
    if (runtime.getBrowserInfo) return (await runtime.getBrowserInfo()).version;
    // Chromium's user agent string is reduced to the major version.
    const uaData = (navigator as unknown as { userAgentData?: UserAgentData }).userAgentData;
    const full = await uaData?.getHighEntropyValues(['uaFullVersion']).catch(() => undefined);
    return full?.uaFullVersion ?? versionFromUserAgent(navigator.userAgent);
  },
  locale: () => browser.i18n.getUILanguage().replace(/_/g, '-'),
  async experiments() {
    return sanitizeExperiments((await browser.storage.local.get(EXPERIMENTS_KEY))[EXPERIMENTS_KEY]);
  },
};

/**
 * A timer while pings wait, backed by an alarm that wakes a suspended
 * background. Only while pings wait does the background also listen for the
 * user going idle, a good time to send them: Firefox tells a listener added
 * while the user is idle at once, waking a suspended event page to do so, so
 * a listener kept all the time restarted the background each time it was
 * suspended, for as long as the user stayed away.
 */
function alarmTimer(onIdle: (state: Idle.IdleState) => void): FlushTimer {
  let handle: ReturnType<typeof setTimeout> | undefined;
  return {
    set(atMs, wake) {
      clearTimeout(handle);
      handle = setTimeout(wake, Math.max(0, atMs - Date.now()));
      void browser.alarms.create(FLUSH_ALARM, { when: Math.max(atMs, Date.now() + 1_000) });
      if (!browser.idle.onStateChanged.hasListener(onIdle)) browser.idle.onStateChanged.addListener(onIdle);
    },
    clear() {
      clearTimeout(handle);
      void browser.alarms.clear(FLUSH_ALARM);
      browser.idle.onStateChanged.removeListener(onIdle);
    },
  };
}

/** The feed, wired to this browser, with its signal listeners in place. Call synchronously at start. */
export function createBrowserTelemetry(): TelemetryFeed {
  const feed = new TelemetryFeed({
    local: storageAreaAdapter(browser.storage.local),
    session: storageAreaAdapter(browser.storage.session),
    transport: createTransport(buildConfig.telemetryTransport, { fetch: (url, init) => fetch(url, init) }),
    timer: alarmTimer((state) => {
      if (state !== 'active') void feed.browserIdle();
    }),
    consent: dataCollectionPermission,
    environment,
  });
  browser.runtime.onStartup.addListener(() => void feed.browserStarted());
  browser.tabs.onCreated.addListener((tab) => {
    if (tab.id !== undefined && opensNewTabPage(tab as typeof tab & { pendingUrl?: string })) void feed.tabOpened(tab.id);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === FLUSH_ALARM) void feed.flushDue();
  });
  dataCollectionPermission.onChanged(() => void feed.consentChanged());
  return feed;
}
