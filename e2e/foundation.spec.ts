import { test, expect, LAUNCH_TIMEOUT_MS } from './support/fixtures';
import { ExtensionBrowser, type BrowserName, setSwitch, withExtensionApi } from './support/extension';

test.describe('foundation', () => {
  test('the new tab renders its shell, and the home page is about:home', async ({ ext }) => {
    const page = await ext.openPage('newtab/newtab.html');
    await expect(page.locator('.base')).toHaveAttribute('data-page', 'about:newtab');
    await expect(page.getByRole('button', { name: 'Personalize' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Search the web' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Shortcuts' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Recommended stories' })).toBeVisible();
    const home = await ext.openPage('newtab/newtab.html?home');
    await expect(home.locator('.base')).toHaveAttribute('data-page', 'about:home');
    await ext.leave(home);
    await ext.leave(page);
  });

  test('a pref flipped in one tab arrives in another, also after the background restarts', async ({ browserName }) => {
    const ext = await ExtensionBrowser.launch(browserName as BrowserName, { firefoxBackgroundIdleMs: 1500 });
    try {
      const a = await ext.openPage('newtab/newtab.html');
      const b = await ext.openPage('newtab/newtab.html');
      const shortcutsB = b.getByRole('region', { name: 'Shortcuts' });
      await expect(shortcutsB).toBeVisible();

      await a.getByRole('button', { name: 'Personalize' }).click();
      await setSwitch(a.getByRole('switch', { name: 'Shortcuts', exact: true }), false);
      await expect(shortcutsB).toBeHidden();

      await ext.restartBackground(b);
      await setSwitch(a.getByRole('switch', { name: 'Shortcuts', exact: true }), true);
      await expect(shortcutsB).toBeVisible();
      await expect(a.getByRole('switch', { name: 'Shortcuts', exact: true })).toBeChecked();
      await a.keyboard.press('Escape');
      await expect(a.getByRole('dialog')).toBeHidden();
    } finally {
      await ext.close();
    }
  });

  test('prefs survive a browser restart', async ({ browserName }) => {
    // Two browser starts, either of which a busy machine may have to make twice (a counted driver retry).
    test.setTimeout(LAUNCH_TIMEOUT_MS);
    const first = await ExtensionBrowser.launch(browserName as BrowserName);
    const profileDir = first.profileDir;
    const page = await first.openPage('newtab/newtab.html');
    await page.getByRole('button', { name: 'Personalize' }).click();
    await setSwitch(page.getByRole('switch', { name: 'Recommended stories' }), false);
    await expect(page.getByRole('region', { name: 'Recommended stories' })).toBeHidden();
    // Give storage.local its write before the browser goes away.
    await expect.poll(() => withExtensionApi(page, async (api) => {
      const { prefs } = (await api.storage.local.get('prefs')) as { prefs?: Record<string, unknown> };
      return prefs?.['feeds.section.topstories'];
    })).toBe(false);
    await first.context.close();

    const second = await ExtensionBrowser.launch(browserName as BrowserName, { profileDir });
    try {
      const again = await second.openPage('newtab/newtab.html');
      await expect(again.getByRole('region', { name: 'Shortcuts' })).toBeVisible();
      await expect(again.getByRole('region', { name: 'Recommended stories' })).toBeHidden();
      // The welcome page is for the install only, not for every start.
      expect((await second.tabUrls(again)).filter((u) => u.includes('/welcome/'))).toEqual([]);
    } finally {
      await second.close();
      await first.close();
    }
  });

  test('malformed and unknown messages from a page are rejected and break nothing', async ({ ext }) => {
    const page = await ext.openPage('newtab/newtab.html');
    const answer = await withExtensionApi(page, async (api) => {
      const port = api.runtime.connect({
        name: 'activity-stream:' + JSON.stringify({ page: 'about:newtab', instanceId: crypto.randomUUID(), reconnect: false }),
      });
      const reply = new Promise<string>((resolve) => {
        port.onMessage.addListener((m) => resolve((m as { type: string }).type));
        setTimeout(() => resolve('no answer'), 5000);
      });
      for (const junk of [null, 42, 'text', [], { type: 'NO_SUCH_ACTION' }, { type: 'SET_PREF', data: { name: 'nope', value: 1 } },
        { type: 'SET_PREF', data: { name: 'topSitesRows', value: 99 } }, { type: 'NEW_TAB_INITIAL_STATE', data: {} }]) {
        port.postMessage(junk);
      }
      port.postMessage({ type: 'NEW_TAB_STATE_REQUEST' });
      return reply;
    });
    expect(answer).toBe('NEW_TAB_INITIAL_STATE');
    await page.getByRole('button', { name: 'Personalize' }).click();
    await expect(page.getByRole('combobox', { name: 'Rows of shortcuts' })).toHaveValue('1');
    await ext.leave(page);
  });

  test('welcome page opens once on install; options page renders every pref', async ({ ext }) => {
    const welcome = await ext.openPage('welcome/welcome.html');
    // The one opened on install and ours.
    await expect
      .poll(async () => (await ext.tabUrls(welcome)).filter((u) => u.endsWith('/welcome/welcome.html')).length)
      .toBe(2);
    await expect(welcome.getByRole('heading', { name: 'Welcome to Open Activity Stream' })).toBeVisible();
    const options = await ext.openPage('options/options.html');
    await expect(options.getByRole('checkbox', { name: 'Send technical and interaction data' })).toBeChecked();
    await expect(options.getByRole('checkbox', { name: 'Recent activity' })).toBeVisible();
    await ext.leave(options);
    await ext.leave(welcome);
  });

  test('dark theme follows the system with no white page', async ({ browserName }) => {
    const ext = await ExtensionBrowser.launch(browserName as BrowserName, { colorScheme: 'dark' });
    try {
      const page = await ext.openPage('newtab/newtab.html');
      const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(bg).toBe('rgb(28, 27, 34)');
    } finally {
      await ext.close();
    }
  });
});
