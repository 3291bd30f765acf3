// The personalize panel, by keyboard only, in real browsers: it opens and
// closes with SHOW_PERSONALIZE / HIDE_PERSONALIZE, keeps focus inside, every
// section switch hides its section and sends PREF_CHANGED (CUSTOMIZE_MENU with
// the seed's source), and "Manage more settings" opens the settings page.
import { type ExtensionBrowser, setSwitch } from './support/extension';
import { userEvents, type CollectorForTest } from './support/collector';
import { telemetryPrefs } from './support/telemetry';
import { test, expect } from './support/telemetryFixtures';

let ext: ExtensionBrowser;
let collector: CollectorForTest;

test.beforeEach(({ ext: fresh, collector: running }) => {
  ext = fresh;
  collector = running;
});

/** Each switch, its event source, and the section it hides (if it is one). */
const SWITCHES: readonly { name: string; source: string; region?: string }[] = [
  // Switched last (the list is walked backwards): off, it greys out the two detailed sponsored switches.
  { name: 'Sponsored content', source: 'SPONSORED_CONTENT' },
  { name: 'Shortcuts', source: 'TOP_SITES', region: 'Shortcuts' },
  { name: 'Recommended stories', source: 'TOP_STORIES', region: 'Recommended stories' },
  { name: 'Recent activity', source: 'HIGHLIGHTS', region: 'Recent activity' },
  { name: 'Snippets', source: 'SNIPPETS' },
  { name: 'Sponsored shortcuts', source: 'SPONSORED_TOP_SITES' },
  { name: 'Sponsored stories', source: 'POCKET_SPOCS' },
];

test('keyboard only: open, switch every section off, close with Escape; the events arrive', async () => {
  const setup = await ext.openPage('newtab/newtab.html');
  await ext.setPrefs(setup, telemetryPrefs(collector));
  const page = await ext.openPage('newtab/newtab.html');
  const opener = page.getByRole('button', { name: 'Personalize' });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Personalize' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();

  // The sponsored switches come first: they are disabled once their section is off.
  for (const { name, region } of [...SWITCHES].reverse()) {
    const toggle = dialog.getByRole('switch', { name, exact: true });
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect(toggle).not.toBeChecked();
    if (region) await expect(page.getByRole('region', { name: region })).toBeHidden();
  }

  // Tab stays inside the panel.
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();

  await userEvents(collector, 'SHOW_PERSONALIZE', undefined);
  await userEvents(collector, 'HIDE_PERSONALIZE', undefined);
  for (const { source } of SWITCHES) {
    const [changed] = await userEvents(collector, 'PREF_CHANGED', source);
    expect(changed).toMatchObject({ page: 'about:newtab', value: { status: false, menu_source: 'CUSTOMIZE_MENU' } });
  }
});

test('a section switched back on comes back, and "Manage more settings" opens the settings page', async () => {
  const setup = await ext.openPage('newtab/newtab.html');
  await ext.setPrefs(setup, { ...telemetryPrefs(collector), 'feeds.section.highlights': false });
  const page = await ext.openPage('newtab/newtab.html');
  await page.getByRole('button', { name: 'Personalize' }).click();
  const dialog = page.getByRole('dialog', { name: 'Personalize' });
  await setSwitch(dialog.getByRole('switch', { name: 'Recent activity' }), true);
  await expect(page.getByRole('region', { name: 'Recent activity' })).toBeVisible();
  await dialog.getByRole('button', { name: 'Manage more settings' }).click();
  await expect.poll(async () => (await ext.tabUrls(setup)).some((u) => u.includes('/options/options.html?opener='))).toBe(true);

  const [changed] = await userEvents(collector, 'PREF_CHANGED', 'HIGHLIGHTS');
  expect(changed!.value).toEqual({ status: true, menu_source: 'CUSTOMIZE_MENU' });
  await userEvents(collector, 'OPEN_NEWTAB_PREFS', undefined);
});
