export interface BuildSettings {
  buildId: string;
  telemetryEndpoint: string;
  telemetryTransport: 'batch' | 'edge';
  releaseChannel: string;
  addonVersion: string;
  storiesFeedUrl: string;
  sponsoredFeedUrl: string;
  messagingServer: string;
  attribution: string;
  widgetsSystemEnabled: boolean;
}
export function buildSettings(env?: Record<string, string | undefined>): BuildSettings;
export function buildDefines(mode: string, env?: Record<string, string | undefined>): Record<string, string>;
