// Firefox's optional data-collection permission (`technicalAndInteraction`,
// declared in the manifest's data_collection_permissions). We decided it is
// off until the user grants it, on the welcome page or in about:addons:
// nothing is sent from Firefox before that. Browsers without this permission
// (Chromium, Firefox before 140) reject the query; there the telemetry pref
// alone decides.
import browser from 'webextension-polyfill';

const TECHNICAL_AND_INTERACTION = { data_collection: ['technicalAndInteraction'] };

interface DataCollectionApi {
  contains(p: typeof TECHNICAL_AND_INTERACTION): Promise<boolean>;
  request(p: typeof TECHNICAL_AND_INTERACTION): Promise<boolean>;
}

const api = () => browser.permissions as unknown as DataCollectionApi;

export interface DataCollectionPermission {
  /** False where the browser has no such permission. */
  isSupported(): Promise<boolean>;
  /** Granted, or not a thing in this browser. */
  isGranted(): Promise<boolean>;
  /** Must be called straight from a click (user gesture). */
  request(): Promise<boolean>;
  /** Any permission change; callers ask again. Register synchronously to wake a suspended background. */
  onChanged(listener: () => void): void;
}

export const dataCollectionPermission: DataCollectionPermission = {
  async isSupported() {
    try {
      await api().contains(TECHNICAL_AND_INTERACTION);
      return true;
    } catch {
      return false;
    }
  },
  async isGranted() {
    try {
      return await api().contains(TECHNICAL_AND_INTERACTION);
    } catch {
      return true;
    }
  },
  request: () => api().request(TECHNICAL_AND_INTERACTION),
  onChanged(listener) {
    browser.permissions.onAdded.addListener(listener);
    browser.permissions.onRemoved.addListener(listener);
  },
};
