// Sponsored stories: frequency caps across page loads and a browser restart,
// a spoc-fills ping with every reason, and no spocs at all when the user
// switched sponsored stories off.
import { test, expect } from './support/fixtures';
import { ExtensionBrowser, type BrowserName } from './support/extension';
import { launchForTelemetry, telemetryPrefs } from './support/telemetry';
import { card, json, openStories, openStoriesWithFeed, seenIds, spocFills, testFeed, storiesHarness } from './support/stories';

test.describe.configure({ timeout: 150_000 });

const h = storiesHarness();

test('a frequency-capped flight stays away across page loads and a browser restart', async ({ browserName }) => {
  const telemetry = await launchForTelemetry(browserName as BrowserName);
  const first = telemetry.ext;
  try {
    const { page, feed } = await openStoriesWithFeed({ ...h, ext: first }, {
      base: 20_000,
      count: 6,
      spocs: [
        { id: 20_901, flightId: 'capped-flight', caps: { lifetime: 1, period: { count: 1, seconds: 86_400 } } },
        { id: 20_902, flightId: 'open-flight', score: 0.5 },
      ],
      settings: { spocPositions: [0, 3] },
    });
    const [capped, open] = feed.spocs.map((s) => s.id) as [number, number];
    await expect(card(page, capped)).toBeVisible();
    await expect.poll(() => seenIds(page)).toContain(capped);
    await first.leave(page);

    const next = await first.openPage('newtab/newtab.html');
    await expect(card(next, open)).toBeVisible();
    await expect(card(next, capped)).toHaveCount(0);
    await first.context.close();

    const second = await ExtensionBrowser.launch(browserName as BrowserName, { profileDir: telemetry.profileDir });
    try {
      const afterRestart = await second.openPage('newtab/newtab.html');
      await expect(card(afterRestart, open)).toBeVisible();
      await expect(card(afterRestart, capped)).toHaveCount(0);
      // Sent by the background when the impression capped the flight (queued pings survive the restart).
      await spocFills(h.collector, [{ id: capped, displayed: 0, reason: 'frequency_cap', full_recalc: 0 }]);
    } finally {
      await second.close();
    }
  } finally {
    await telemetry.dispose();
  }
});

test('the spoc-fills ping gives every spoc its reason, and spocs never show with sponsored stories off', async () => {
  const { ext } = h;
  const feed = testFeed(h.server, {
    base: 8000,
    count: 8,
    spocs: [
      { id: 8901, flightId: 'fill-a', score: 0.9 },
      { id: 8902, flightId: 'fill-a', score: 0.6 },
      { id: 8903, flightId: 'fill-low', score: 0.05 },
      { id: 8904, flightId: 'fill-b', score: 0.8 },
      { id: 8905, flightId: 'fill-c', score: 0.7 },
    ],
    settings: { spocPositions: [1, 5], spocMinScore: 0.1 },
  });
  const url = h.server.route('/feed-fills.json', json(feed));
  const page = await openStories(ext, { 'discoverystream.feedUrl': url, ...telemetryPrefs(h.collector), showSponsored: true });
  await expect(card(page, 8901)).toBeVisible();
  await expect(card(page, 8904)).toBeVisible();
  await card(page, 8904).getByRole('button', { name: /options/i }).click();
  await page.getByRole('menuitem', { name: 'Dismiss' }).click();
  await ext.leave(page);

  // A feed whose positions are never granted: the spoc loses the draw.
  const unlucky = h.server.route(
    '/feed-unlucky.json',
    json({ ...feed, spocs: feed.spocs.slice(0, 1), settings: { spocPositions: [1], spocProbability: 0 } }),
  );
  const second = await openStories(ext, { 'discoverystream.feedUrl': unlucky });
  await expect(second.locator('.story-card[data-card-type="spoc"]')).toHaveCount(0);

  await ext.setPrefs(second, { showSponsored: false, 'discoverystream.feedUrl': url });
  const third = await ext.openPage('newtab/newtab.html');
  await expect(third.locator('.story-card[data-story-id="8001"]')).toBeVisible();
  await expect(third.locator('.story-card[data-card-type="spoc"]')).toHaveCount(0);
  await ext.leave(second);
  await ext.leave(third);

  await spocFills(h.collector, [
    // The background, when it loaded the feed:
    { id: 8902, displayed: 0, reason: 'flight_duplicate', full_recalc: 1 },
    { id: 8903, displayed: 0, reason: 'below_min_score', full_recalc: 1 },
    // The page, placing the eligible spocs (two positions for three spocs):
    { id: 8901, displayed: 1, reason: 'n/a', full_recalc: 0 },
    { id: 8904, displayed: 1, reason: 'n/a', full_recalc: 0 },
    { id: 8905, displayed: 0, reason: 'out_of_position', full_recalc: 0 },
    // The background, when the user dismissed one:
    { id: 8904, displayed: 0, reason: 'blocked_by_user', full_recalc: 0 },
    // The page of the feed whose one position is never granted:
    { id: 8901, displayed: 0, reason: 'probability_selection', full_recalc: 0 },
  ]);
});
