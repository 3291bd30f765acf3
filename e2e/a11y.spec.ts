// Finished pages: axe finds no WCAG 2.1 A/AA violations on the new tab (also
// with the panel, a card menu and the delete dialog open), welcome and
// settings, in light and dark; dark pages are dark from the first paint; the
// new tab in Arabic is right to left; screenshots of the new tab in light,
// dark and right-to-left are attached to the report.
import type { Page } from '@playwright/test';
import { test, expect, LAUNCH_TIMEOUT_MS } from './support/fixtures';
import { expectNoAxeViolations } from './support/axe';
import { ExtensionBrowser, type BrowserName, withExtensionApi } from './support/extension';

// Several full axe runs per test: slow on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });

/** A bookmark and a visit, so recent activity has cards to check. */
async function seedRecentActivity(page: Page) {
  await withExtensionApi(page, async (api) => {
    await api.bookmarks.create({ url: 'https://example.org/a11y-bookmark', title: 'A bookmarked page' });
    await api.history.addUrl({ url: 'https://example.com/a11y-visit' });
  });
}

/** Saved in the test's output folder (test-results/artifacts/…) and attached to the report. */
async function attachScreenshot(page: Page, name: string) {
  const path = test.info().outputPath(name);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    let ext: ExtensionBrowser;
    test.beforeAll(async ({ browserName }) => {
      test.setTimeout(LAUNCH_TIMEOUT_MS);
      ext = await ExtensionBrowser.launch(browserName as BrowserName, { colorScheme });
    });
    test.afterAll(async () => {
      await ext.close();
    });

    test('the new tab, with its panel, a card menu and the delete dialog, has no axe violations', async () => {
      const setup = await ext.openPage('options/options.html');
      await seedRecentActivity(setup);
      await ext.leave(setup);
      const page = await ext.openPage('newtab/newtab.html');
      await expect(page.locator('.highlight-card').first()).toBeVisible();
      await expectNoAxeViolations(page, 'new tab');
      await attachScreenshot(page, `newtab-${colorScheme}.png`);

      await page.locator('.highlight-card').first().getByRole('button', { name: 'More options' }).click();
      await expect(page.getByRole('menu')).toBeVisible();
      await expectNoAxeViolations(page, 'new tab with a card menu');
      await page.getByRole('menuitem', { name: 'Delete from history' }).click();
      await expect(page.getByRole('alertdialog')).toBeVisible();
      await expectNoAxeViolations(page, 'new tab with the delete dialog');
      await page.keyboard.press('Escape');

      await page.getByRole('button', { name: 'Personalize' }).click();
      await expect(page.getByRole('dialog', { name: 'Personalize' })).toBeVisible();
      await expectNoAxeViolations(page, 'new tab with the personalize panel');
      await attachScreenshot(page, `newtab-personalize-${colorScheme}.png`);
      await ext.leave(page);
    });

    test('the handoff search box has no axe violations', async () => {
      const page = await ext.openPage('newtab/newtab.html');
      await ext.setPrefs(page, { 'improvesearch.handoffToAwesomebar': true });
      await expect(page.getByRole('button', { name: 'Search the web' })).toBeVisible();
      await expectNoAxeViolations(page, 'new tab in handoff mode');
      await ext.setPrefs(page, { 'improvesearch.handoffToAwesomebar': false });
      await ext.leave(page);
    });

    for (const path of ['welcome/welcome.html', 'options/options.html']) {
      test(`${path} has no axe violations`, async () => {
        const page = await ext.openPage(path);
        await expectNoAxeViolations(page, path);
        await attachScreenshot(page, `${path.split('/')[0]}-${colorScheme}.png`);
        await ext.leave(page);
      });
    }

    test('every page paints in the theme colours from the start', async () => {
      const expected = colorScheme === 'dark' ? 'rgb(28, 27, 34)' : 'rgb(249, 249, 251)';
      const pages: Page[] = [];
      for (const path of ['newtab/newtab.html', 'newtab/newtab.html?home', 'welcome/welcome.html', 'options/options.html']) {
        // Not waiting for the page to be ready: the colours come from the first
        // stylesheet, before any script runs or data arrives.
        const page = await ext.openPage(path, 'html');
        pages.push(page);
        await expect
          .poll(() => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor), { message: path })
          .toBe(expected);
      }
      for (const page of pages) await ext.leave(page);
    });
  });
}

test.describe('right to left', () => {
  let ext: ExtensionBrowser;
  test.beforeAll(async ({ browserName }) => {
    test.setTimeout(LAUNCH_TIMEOUT_MS);
    ext = await ExtensionBrowser.launch(browserName as BrowserName);
  });
  test.afterAll(async () => {
    await ext.close();
  });

  test('?locale=ar gives an Arabic, right-to-left new tab with no axe violations', async () => {
    const setup = await ext.openPage('options/options.html');
    await seedRecentActivity(setup);
    await ext.leave(setup);
    const page = await ext.openPage('newtab/newtab.html?locale=ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
    await expect(page.getByRole('button', { name: 'خصّص' })).toBeVisible();
    await expect(page.getByRole('searchbox', { name: 'ابحث في الوب' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'النشاط الأخير' })).toBeVisible();
    await expect(page.locator('.highlight-card').first()).toBeVisible();
    await expectNoAxeViolations(page, 'Arabic new tab');
    await attachScreenshot(page, 'newtab-rtl.png');

    // The panel slides in from the left edge, the reading end of the line.
    await page.getByRole('button', { name: 'خصّص' }).click();
    const panel = page.getByRole('dialog', { name: 'خصّص' });
    await expect(panel).toBeVisible();
    await expect(panel.getByRole('switch', { name: 'النشاط الأخير' })).toBeChecked();
    await expect.poll(async () => (await panel.boundingBox())?.x).toBe(0);
    await expectNoAxeViolations(page, 'Arabic personalize panel');
    await attachScreenshot(page, 'newtab-personalize-rtl.png');
    await ext.leave(page);

    const options = await ext.openPage('options/options.html?locale=ar');
    await expect(options.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(options.getByRole('heading', { level: 1 })).toHaveText('إعدادات الصفحة الرئيسية واللسان الجديد');
    await expectNoAxeViolations(options, 'Arabic settings');
    await ext.leave(options);
  });
});
