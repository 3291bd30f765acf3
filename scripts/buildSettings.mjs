// Build settings, from the environment with defaults. Shared by the page build,
// the background build and the unit tests.
/** A feed address a build starts with: empty, or an http(s) URL. */
function feedUrlSetting(env, name) {
  const value = env[name] ?? '';
  if (value !== '' && !/^https?:\/\//.test(value)) throw new Error(`${name} must be empty or an http(s) URL, got "${value}"`);
  return value;
}

/** ATTRIBUTION: empty, or an URL-encoded query string of at most 1010 characters. */
function attributionSetting(env) {
  const value = env.ATTRIBUTION ?? '';
  if (value.length > 1010 || /[^A-Za-z0-9%._~+=&@:-]/.test(value)) {
    throw new Error(`ATTRIBUTION must be an URL-encoded code such as source%3Dexample.org%26medium%3Dreferral, got "${value.slice(0, 80)}"`);
  }
  return value;
}

/** A system switch (Firefox's `system.*` prefs): "on" (the default) or "off" makes the feature unavailable in this build. */
function switchSetting(env, name) {
  const value = env[name] ?? 'on';
  if (value !== 'on' && value !== 'off') throw new Error(`${name} must be "on" or "off", got "${value}"`);
  return value === 'on';
}

export function buildSettings(env = process.env) {
  const transport = env.TELEMETRY_TRANSPORT ?? 'batch';
  if (transport !== 'batch' && transport !== 'edge') {
    throw new Error(`TELEMETRY_TRANSPORT must be "batch" or "edge", got "${transport}"`);
  }
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  const buildId =
    env.BUILD_ID ??
    `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}`;
  if (!/^\d{14}$/.test(buildId)) throw new Error(`BUILD_ID must be YYYYMMDDHHMMSS, got "${buildId}"`);
  return {
    buildId,
    telemetryEndpoint: env.TELEMETRY_ENDPOINT ?? 'http://127.0.0.1:8787',
    telemetryTransport: transport,
    releaseChannel: env.RELEASE_CHANNEL ?? 'default',
    addonVersion: '0.1.0',
    // The feeds a new profile starts with. Empty in every release build, so a real
    // user sees no invented stories or sponsors; `npm start` points them at the samples.
    storiesFeedUrl: feedUrlSetting(env, 'STORIES_FEED_URL'),
    sponsoredFeedUrl: feedUrlSetting(env, 'SPONSORED_FEED_URL'),
    // The Remote Settings server the messaging router reads; empty: local messages only.
    messagingServer: feedUrlSetting(env, 'MESSAGING_SERVER'),
    // Where this build's installs come from, as an URL-encoded attribution code
    // (README, "Attribution"); checked field by field when the add-on reads it.
    attribution: attributionSetting(env),
    // Whether this build offers widgets (the system switch's default; README, "Widgets").
    widgetsSystemEnabled: switchSetting(env, 'WIDGETS'),
    // System switches: may users of this build have the feature at all? Each has its user pref too.
    sponsoredContent: switchSetting(env, 'SPONSORED_CONTENT'),
    wallpapers: switchSetting(env, 'WALLPAPERS'),
  };
}

export function buildDefines(_mode, env = process.env) {
  const s = buildSettings(env);
  return {
    __BUILD_ID__: JSON.stringify(s.buildId),
    __TELEMETRY_ENDPOINT__: JSON.stringify(s.telemetryEndpoint),
    __TELEMETRY_TRANSPORT__: JSON.stringify(s.telemetryTransport),
    __RELEASE_CHANNEL__: JSON.stringify(s.releaseChannel),
    __ADDON_VERSION__: JSON.stringify(s.addonVersion),
    __STORIES_FEED_URL__: JSON.stringify(s.storiesFeedUrl),
    __SPONSORED_FEED_URL__: JSON.stringify(s.sponsoredFeedUrl),
    __MESSAGING_SERVER__: JSON.stringify(s.messagingServer),
    __ATTRIBUTION__: JSON.stringify(s.attribution),
    __WIDGETS_SYSTEM_ENABLED__: JSON.stringify(s.widgetsSystemEnabled),
    __SYSTEM_SPONSORED_CONTENT__: JSON.stringify(s.sponsoredContent),
    __SYSTEM_WALLPAPERS__: JSON.stringify(s.wallpapers),
  };
}
