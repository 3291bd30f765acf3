// The settings page (our about:preferences#home) in real browsers: opening and
// leaving it send OPEN_NEWTAB_PREFS / CLOSE_NEWTAB_PREFS, section switches
// send PREF_CHANGED with ABOUT_PREFERENCES, feed addresses are validated and
// saved, and "what we collect" is a section of the page itself.
import type { Page } from '@playwright/test';
import { withExtensionApi, type ExtensionBrowser } from './support/extension';
import { userEvents, type CollectorForTest } from './support/collector';
import { telemetryPrefs } from './support/telemetry';
import { test, expect } from './support/telemetryFixtures';

let ext: ExtensionBrowser;
let collector: CollectorForTest;

test.beforeEach(({ ext: fresh, collector: running }) => {
  ext = fresh;
  collector = running;
});

async function storedPrefs(page: Page): Promise<Record<string, unknown>> {
  return withExtensionApi(page, async (api) => {
    const { prefs } = (await api.storage.local.get('prefs')) as { prefs?: Record<string, unknown> };
    return prefs ?? {};
  });
}

test('open, change sections by keyboard, leave: OPEN/CLOSE_NEWTAB_PREFS and PREF_CHANGED from ABOUT_PREFERENCES', async () => {
  const setup = await ext.openPage('newtab/newtab.html');
  await ext.setPrefs(setup, telemetryPrefs(collector));
  const options = await ext.openPage('options/options.html');

  const highlights = options.getByRole('checkbox', { name: 'Recent activity' });
  await highlights.focus();
  await options.keyboard.press('Space');
  await expect(highlights).not.toBeChecked();
  const sponsored = options.getByRole('checkbox', { name: 'Sponsored stories' });
  await sponsored.focus();
  await options.keyboard.press('Space');
  await expect.poll(async () => (await storedPrefs(options)).showSponsored).toBe(false);
  // The new tab follows at once.
  await expect(setup.getByRole('region', { name: 'Recent activity' })).toBeHidden();
  await ext.leave(options);

  const [closed] = await userEvents(collector, 'CLOSE_NEWTAB_PREFS', undefined);
  // A settings page openPage had to abandon sent its own OPEN_NEWTAB_PREFS too,
  // so the page we left is one of the opened sessions, not necessarily the first.
  const opened = await userEvents(collector, 'OPEN_NEWTAB_PREFS', undefined);
  expect(opened.map((e) => e.session_id)).toContain(closed!.session_id);
  const [changed] = await userEvents(collector, 'PREF_CHANGED', 'HIGHLIGHTS');
  expect(changed!.value).toEqual({ status: false, menu_source: 'ABOUT_PREFERENCES' });
  const [spocs] = await userEvents(collector, 'PREF_CHANGED', 'POCKET_SPOCS');
  expect(spocs!.value).toEqual({ status: false, menu_source: 'ABOUT_PREFERENCES' });
});

test('feed addresses: a bad one is refused with a message, a good one is saved', async () => {
  const options = await ext.openPage('options/options.html');
  for (const [name, pref] of [
    ['Stories feed address', 'discoverystream.feedUrl'],
    ['Sponsored shortcuts feed address', 'topsites.sponsoredFeedUrl'],
  ] as const) {
    const input = options.getByRole('textbox', { name });
    const form = options.locator('form').filter({ has: input });
    await input.pressSequentially('ftp://feeds.example.org/x');
    await expect(input).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByRole('alert')).toContainText('https');
    await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();

    await input.clear();
    await input.pressSequentially('https://feeds.example.org/x.json');
    await expect(form.getByRole('alert')).toHaveCount(0);
    await input.press('Enter');
    await expect.poll(async () => (await storedPrefs(options))[pref]).toBe('https://feeds.example.org/x.json');
  }
  await ext.leave(options);
});

test('a feed address may be one of the extension’s own files (the bundled samples), never another extension’s', async () => {
  const options = await ext.openPage('options/options.html');
  const input = options.getByRole('textbox', { name: 'Stories feed address' });
  const form = options.locator('form').filter({ has: input });
  const sample = ext.url('stories/sample-feed.json');
  // Typed, not fill(): under Firefox/BiDi fill() sets the value behind React's back.
  await input.pressSequentially(sample.replace(/^([a-z-]+:\/\/)[^/]+/, '$1another-extension-id'));
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();

  await input.clear();
  await input.pressSequentially(sample);
  await expect(form.getByRole('alert')).toHaveCount(0);
  await input.press('Enter');
  await expect.poll(async () => (await storedPrefs(options))['discoverystream.feedUrl']).toBe(sample);
  await ext.leave(options);
});

test('the telemetry explanation links to the bundled list of what we collect', async () => {
  const options = await ext.openPage('options/options.html');
  const toggle = options.getByRole('checkbox', { name: 'Send technical and interaction data' });
  await expect(toggle).toBeChecked();
  await expect(toggle).toHaveAccessibleDescription(/never send the addresses, titles or searches/);
  await options.getByRole('link', { name: 'See exactly what we collect' }).click();
  await expect(options).toHaveURL(/options\.html#metrics$/);
  const metrics = options.locator('#metrics');
  await expect(metrics.getByRole('heading', { name: 'What we collect' })).toBeInViewport();
  for (const docType of ['activity-stream/events', 'activity-stream/sessions', 'open-activity-stream/deletion-request']) {
    await expect(metrics.getByText(docType, { exact: true })).toBeVisible();
  }
  await ext.leave(options);
});
