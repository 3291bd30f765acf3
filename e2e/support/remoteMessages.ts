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

/**
 * What the router remembers, read from the extension's storage: the cached
 * collection and its message ids, impressions per message, blocked ids. A
 * test that misses a message says this, so a failure tells a cap or a block
 * from a collection not yet fetched.
 */
export async function routerMemory(page: Page): Promise<string> {
  return withExtensionApi(page, async (api) => {
    const stored = (await api.storage.local.get(['messaging.remoteCache', 'messaging.state'])) as Record<string, Record<string, unknown> | undefined>;
    const cache = stored['messaging.remoteCache'];
    const state = stored['messaging.state'];
    return JSON.stringify({
      collection: cache?.url,
      fetchedAt: cache?.fetchedAt,
      messages: ((cache?.messages as { id: string }[] | undefined) ?? []).map((m) => m.id),
      impressions: state?.impressions,
      blocked: state?.blocked,
      now: Date.now(),
    });
  }).catch((error: unknown) => `(could not read the router's storage: ${String(error).split('\n')[0]})`);
}
