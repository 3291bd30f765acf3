// The widgets in real browsers: a to-do list edited by keyboard alone (and
// still there after a reload), a Focus timer that runs out while its tab is in
// the background (the background's alarm ends it), and the master and
// per-widget switches and order in the personalize panel. Their pings are read
// back at the collector (which checks them against our schemas) and against
// Mozilla's; axe checks the page with both widgets on.
import type { Page } from '@playwright/test';
import { type BrowserName, ExtensionBrowser, setSwitch, withExtensionApi } from './support/extension';
import { userEvents, type CollectorForTest } from './support/collector';
import { expectNoAxeViolations } from './support/axe';
import { expectMozillaValid } from './support/mozillaValid';
import { extensionStorage, launchForTelemetry, telemetryPrefs } from './support/telemetry';
import { test, expect } from './support/telemetryFixtures';

let ext: ExtensionBrowser;
let collector: CollectorForTest;

test.beforeEach(({ ext: fresh, collector: running }) => {
  ext = fresh;
  collector = running;
});

async function newTabWith(prefs: Record<string, unknown> = {}): Promise<Page> {
  const setup = await ext.openPage('newtab/newtab.html');
  await ext.setPrefs(setup, { ...telemetryPrefs(collector), ...prefs });
  await ext.leave(setup);
  return ext.openPage('newtab/newtab.html');
}

const taskTexts = (page: Page) => page.getByRole('region', { name: 'Lists' }).getByRole('listitem').locator('.lists-label span').allTextContents();

test('a list edited by keyboard alone: add, edit, complete, reorder, delete; it survives a reload', async () => {
  const page = await newTabWith({ 'widgets.focusTimer.enabled': false });
  const lists = page.getByRole('region', { name: 'Lists' });
  await expect(lists).toBeVisible();
  await expectNoAxeViolations(page, 'the new tab with the Lists widget');

  const input = lists.getByRole('textbox', { name: 'Add a task' });
  await input.focus();
  for (const text of ['milk', 'bread', 'eggs']) {
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await expect(lists.getByRole('checkbox', { name: text })).toBeVisible();
  }
  await expect(input).toBeFocused();
  await expect(input).toHaveValue('');

  // Shift+Tab from the add box's button... is long; the task's checkbox is reached with Tab from the box.
  await page.keyboard.press('Tab'); // Add button
  await page.keyboard.press('Tab'); // milk's checkbox
  await expect(lists.getByRole('checkbox', { name: 'milk' })).toBeFocused();
  await page.keyboard.press('Space');
  await expect(lists.getByRole('checkbox', { name: 'milk' })).toBeChecked();

  // Alt+ArrowDown twice takes milk to the end; focus stays on it.
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => taskTexts(page)).toEqual(['bread', 'milk', 'eggs']);
  await expect(lists.getByRole('checkbox', { name: 'milk' })).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => taskTexts(page)).toEqual(['bread', 'eggs', 'milk']);
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => taskTexts(page)).toEqual(['bread', 'milk', 'eggs']);

  // Edit: Tab to its edit button, Enter, type, Enter.
  await page.keyboard.press('Tab');
  await expect(lists.getByRole('button', { name: 'Edit: milk' })).toBeFocused();
  await page.keyboard.press('Enter');
  const editor = lists.getByRole('textbox', { name: 'Edit task' });
  await expect(editor).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('oat milk');
  await page.keyboard.press('Enter');
  await expect.poll(() => taskTexts(page)).toEqual(['bread', 'oat milk', 'eggs']);
  await expect(lists.getByRole('button', { name: 'Edit: oat milk' })).toBeFocused();

  // Delete eggs: its delete button, by Tab from its checkbox.
  await lists.getByRole('checkbox', { name: 'eggs' }).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab'); // edit, up (its down is disabled: it is last), delete
  await expect(lists.getByRole('button', { name: 'Delete: eggs' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(() => taskTexts(page)).toEqual(['bread', 'oat milk']);

  // Kept by the background in storage.local: a reload shows the same list.
  await page.reload({ waitUntil: 'commit' });
  await ext.waitUntilReady(page);
  await expect.poll(() => taskTexts(page)).toEqual(['bread', 'oat milk']);
  await expect(page.getByRole('checkbox', { name: 'oat milk' })).toBeChecked();

  const events = await userEvents(collector, 'WIDGET_LISTS_CHANGE', 'WIDGET_LISTS', 9);
  expect(events.map((e) => e.value?.widget_action).sort()).toEqual(
    ['item_add', 'item_add', 'item_add', 'item_complete', 'item_move', 'item_move', 'item_move', 'item_edit', 'item_delete'].sort(),
  );
  for (const e of events) expect(e.page).toBe('about:newtab');
  // No task text in any ping.
  const docs = await collector.documents({ docType: 'events', event: 'WIDGET_LISTS_CHANGE' });
  expect(JSON.stringify(docs)).not.toMatch(/milk|bread|eggs/);
  expectMozillaValid(docs);
});

test('a timer runs out while its tab is in the background, and again with its tab closed: the alarm ends it', async () => {
  // A 3-second focus: the duration is the user's own setting (minutes and seconds on the settings page).
  const page = await newTabWith({ 'widgets.lists.enabled': false, 'widgets.focusTimer.focusSeconds': 3 });
  const timer = page.getByRole('region', { name: 'Focus timer' });
  await expect(timer.getByText('0:03')).toBeVisible();
  await expectNoAxeViolations(page, 'the new tab with the Focus timer');
  await timer.getByRole('button', { name: 'Start' }).click();
  await expect(timer.getByRole('button', { name: 'Pause' })).toBeVisible();

  // Another tab in front. Headless Chromium keeps every tab "visible", so there the timer's tab is
  // frozen as the browser freezes background tabs: its own clock cannot end anything.
  const other = await ext.openPage('newtab/newtab.html');
  await other.bringToFront();
  const cdp = ext.name === 'chromium' ? await ext.context.newCDPSession(page) : null;
  await cdp?.send('Page.setWebLifecycleState', { state: 'frozen' });
  // The background's alarm ends it: its state in storage says done.
  const timerStatus = () => extensionStorage<{ status: string }>(other, 'widgets.timer').then((t) => t?.status);
  await expect.poll(timerStatus, { timeout: 30_000 }).toBe('done');
  const [end] = await userEvents(collector, 'WIDGET_TIMER_END', 'WIDGET_FOCUS_TIMER');
  expect(end).toMatchObject({ page: 'n/a', session_id: 'n/a', value: { timer_mode: 'focus' } });

  // Back to it: it says so.
  await cdp?.send('Page.setWebLifecycleState', { state: 'active' });
  await page.bringToFront();
  await expect(timer.getByRole('status')).toHaveText('Time is up: take a break.');
  await expect(timer.getByRole('button', { name: 'Start' })).toBeVisible();

  // Again, with the tab closed while it runs: a new tab finds it done.
  await timer.getByRole('button', { name: 'Start' }).click();
  await expect(timer.getByRole('button', { name: 'Pause' })).toBeVisible();
  await ext.leave(page);
  await expect.poll(timerStatus, { timeout: 30_000 }).toBe('done');
  await userEvents(collector, 'WIDGET_TIMER_END', 'WIDGET_FOCUS_TIMER', 2);
  const later = await ext.openPage('newtab/newtab.html');
  await expect(later.getByRole('region', { name: 'Focus timer' }).getByRole('status')).toHaveText('Time is up: take a break.');

  const plays = await userEvents(collector, 'WIDGET_TIMER_PLAY', 'WIDGET_FOCUS_TIMER', 2);
  expect(plays[0]).toMatchObject({ page: 'about:newtab', value: { timer_mode: 'focus' } });
  expectMozillaValid(await collector.documents({ docType: 'events', source: 'WIDGET_FOCUS_TIMER' }));
});

test('the personalize panel: hide one widget, move one, and the master switch hides them all', async () => {
  const page = await newTabWith();
  const area = page.getByRole('region', { name: 'Widgets' });
  const order = () => area.getByRole('heading', { level: 3 }).allTextContents();
  await expect.poll(order).toEqual(['Lists', 'Focus timer']);

  await page.getByRole('button', { name: 'Personalize' }).click();
  const dialog = page.getByRole('dialog', { name: 'Personalize' });
  await expectNoAxeViolations(page, 'the personalize panel with the widget switches');

  // Move the timer up by keyboard.
  await dialog.getByRole('button', { name: 'Move up: Focus timer' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(order).toEqual(['Focus timer', 'Lists']);

  // Hide the Lists widget alone.
  const listsSwitch = dialog.getByRole('switch', { name: 'Lists' });
  await listsSwitch.focus();
  await page.keyboard.press('Space');
  await expect(listsSwitch).not.toBeChecked();
  await expect(page.getByRole('region', { name: 'Lists' })).toBeHidden();
  await expect(page.getByRole('region', { name: 'Focus timer' })).toBeVisible();

  // The master switch hides every widget, and the area with them.
  await setSwitch(dialog.getByRole('switch', { name: 'Widgets', exact: true }), false);
  await expect(area).toBeHidden();
  await expect(dialog.getByRole('switch', { name: 'Focus timer' })).toBeDisabled();
  await page.keyboard.press('Escape');

  // And it holds on a new tab.
  const next = await ext.openPage('newtab/newtab.html');
  await expect(next.getByRole('region', { name: 'Shortcuts' })).toBeVisible();
  await expect(next.getByRole('region', { name: 'Widgets' })).toBeHidden();

  const [moved] = await userEvents(collector, 'WIDGETS_REORDER', 'WIDGET_FOCUS_TIMER');
  expect(moved).toMatchObject({ action_position: 0, page: 'about:newtab' });
  const [hidden] = await userEvents(collector, 'PREF_CHANGED', 'WIDGET_LISTS');
  expect(hidden!.value).toEqual({ status: false, menu_source: 'CUSTOMIZE_MENU' });
  const [all] = await userEvents(collector, 'PREF_CHANGED', 'WIDGETS');
  expect(all!.value).toEqual({ status: false, menu_source: 'CUSTOMIZE_MENU' });
  // user_prefs: the master (2048) and Lists (4096) bits are off in the last ping, the timer's (8192) still on.
  expect(Number(all!.user_prefs) & (2048 | 4096 | 8192)).toBe(8192);
  const docs = [
    ...(await collector.documents({ docType: 'events', event: 'WIDGETS_REORDER' })),
    ...(await collector.documents({ docType: 'events', event: 'PREF_CHANGED' })),
  ];
  expectMozillaValid(docs);
});

// Firefox can be told to grant optional permissions without its prompt (Chromium cannot), so there the
// whole path runs: the checkbox's own permission request, then the alarm's notification.
test('"Notify me" asks for the permission from the click, and the alarm shows a notification', { tag: '@firefox-only' }, async () => {
  const own = await launchForTelemetry('firefox', { firefoxPrefs: { 'extensions.webextOptionalPermissionPrompts': false } });
  try {
    const setup = await own.ext.openPage('newtab/newtab.html');
    await own.ext.setPrefs(setup, { ...telemetryPrefs(collector), 'widgets.lists.enabled': false, 'widgets.focusTimer.focusSeconds': 2 });
    const page = await own.ext.openPage('newtab/newtab.html');
    const timer = page.getByRole('region', { name: 'Focus timer' });
    const notify = timer.getByRole('checkbox', { name: 'Notify me when time is up' });
    await notify.focus();
    await page.keyboard.press('Space');
    await expect(notify).toBeChecked();
    expect(await withExtensionApi(page, (api) => api.permissions.contains({ permissions: ['notifications'] }))).toBe(true);

    // Headless Firefox closes a notification a moment after showing it, so the page listens for its events.
    await page.evaluate(() => {
      const api = (globalThis as { browser?: typeof chrome }).browser!;
      const seen: string[] = [];
      (globalThis as { notificationsSeen?: string[] }).notificationsSeen = seen;
      api.notifications.onShown?.addListener((id) => seen.push(id));
      api.notifications.onClosed.addListener((id) => seen.push(id));
    });
    await timer.getByRole('button', { name: 'Start' }).click();
    await expect
      .poll(() => page.evaluate(() => (globalThis as { notificationsSeen?: string[] }).notificationsSeen ?? []), { timeout: 30_000 })
      .toContain('widgets.timer');
    await expect(timer.getByRole('status')).toHaveText('Time is up: take a break.');
  } finally {
    await own.dispose();
  }
});

test('stored lists that cannot be read: the widget says so, they are kept aside, and nothing else is lost', async ({ browserName }) => {
  // Its own browser: the background must restart to read storage again (Firefox suspends an idle one).
  const own = await ExtensionBrowser.launch(browserName as BrowserName, { firefoxBackgroundIdleMs: 1500 });
  try {
    const page = await own.openPage('newtab/newtab.html');
    await own.setPrefs(page, { 'widgets.focusTimer.enabled': false, topSitesRows: 2 });
    await withExtensionApi(page, (api) => api.storage.local.set({ 'widgets.lists': { lists: 'not lists' } }));
    await own.restartBackground(page);

    const lists = page.getByRole('region', { name: 'Lists' });
    await expect(lists.getByRole('alert')).toHaveText(/Your saved lists could not be read/);
    expect(await extensionStorage(page, 'widgets.lists.unreadable')).toEqual({ lists: 'not lists' });
    expect(await extensionStorage<Record<string, unknown>>(page, 'prefs')).toMatchObject({ 'widgets.focusTimer.enabled': false, topSitesRows: 2 });
    // A fresh list works at once.
    await lists.getByRole('textbox', { name: 'Add a task' }).fill('start again');
    await page.keyboard.press('Enter');
    await expect(lists.getByRole('checkbox', { name: 'start again' })).toBeVisible();
  } finally {
    await own.close();
  }
});
