// Values fixed at build time (scripts/build.mjs, vite.config.ts).
export const buildConfig = {
  buildId: __BUILD_ID__,
  telemetryEndpoint: __TELEMETRY_ENDPOINT__,
  telemetryTransport: __TELEMETRY_TRANSPORT__,
  releaseChannel: __RELEASE_CHANNEL__,
  addonVersion: __ADDON_VERSION__,
  /** The ATTRIBUTION build setting: an URL-encoded attribution code, or empty. */
  attribution: __ATTRIBUTION__,
} as const;
