// The messaging router's remote provider in e2e: where a collection's records
// are served, and the wait until the background has fetched them.
import { expect, type Page } from '@playwright/test';
import { withExtensionApi } from './extension';

export function recordsPath(collection: string): string {
  return `/v1/buckets/main/collections/${collection}/records`;
}

/** Waits until the background has cached `collection` from `origin` (read through an extension page). */
export async function waitForRemoteCollection(page: Page, origin: string, collection: string): Promise<void> {
  await expect
    .poll(() =>
      withExtensionApi(page, async (api) => {
        const stored = (await api.storage.local.get('messaging.remoteCache')) as Record<string, { url?: string } | undefined>;
        return stored['messaging.remoteCache']?.url;
      }),
    )
    .toBe(`${origin}${recordsPath(collection)}`);
}
