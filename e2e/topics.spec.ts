// Topic sections and story feedback: following and blocking a topic (block
// asks first; the section goes at once; both survive a new page; the feed's
// next request carries the documented `followed` / `blocked` ids and nothing
// else), managing them in the personalize panel, thumbs up / down with their
// confirmation, and reporting a story and a sponsored story with Firefox's
// reasons. Pings are read back from the real collector and checked against
// Mozilla's schema too.
import type { Page } from '@playwright/test';
import { test, expect } from './support/fixtures';
import { setSwitch, withExtensionApi } from './support/extension';
import { DELIVERY_MS, type CollectorForTest, type DocumentView } from './support/collector';
import { expectNoAxeViolations } from './support/axe';
import { expectMozillaValid } from './support/mozillaValid';
import { card, impressionPings, json, loadFeed, openStories, testFeed, storiesHarness, tilesOf, type TestFeedOptions } from './support/stories';
import { telemetryPrefs } from './support/telemetry';

test.describe.configure({ timeout: 150_000 });

const h = storiesHarness();

const SECTIONS = [
  { id: 'science', title: 'Science', subtitle: 'Discoveries and the people behind them' },
  { id: 'travel', title: 'Travel' },
  { id: 'food', title: 'Food' },
];

/** A test feed whose stories are spread over SECTIONS in turn, the first `outside` of them in no section. */
function sectionedFeed(options: TestFeedOptions, outside = 1) {
  const feed = testFeed(h.server, options);
  return {
    ...feed,
    settings: { ...feed.settings, loadMoreThreshold: 50 },
    sections: SECTIONS,
    stories: feed.stories.map((s, i) => (i < outside ? s : { ...s, section: SECTIONS[(i - outside) % SECTIONS.length]!.id })),
  };
}

/** The stories' live region, where each confirmation is said. */
const toast = (page: Page) => page.locator('.stories-toast[role="status"]');
const sectionTitles = (page: Page) => page.locator('.topic-section h3').allTextContents();
const section = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

/** events pings for `event` that pass `which` (at least `count`), checked against Mozilla's schema as well as ours (the collector's). */
async function eventDocs(collector: CollectorForTest, event: string, count = 1, which: (doc: DocumentView) => boolean = () => true): Promise<DocumentView[]> {
  const docs = (await collector.waitForDocuments({ docType: 'events', event }, (d) => d.filter(which).length >= count, DELIVERY_MS)).filter(which);
  expectMozillaValid(docs);
  return docs;
}
const valueOf = (doc: DocumentView) => JSON.parse(doc.payload.value as string) as Record<string, unknown>;

test('following and blocking a topic: block asks first, the section goes at once, both last, and the feed hears only their ids', async () => {
  const { ext, server, collector } = h;
  const feed = sectionedFeed({ base: 40_000, count: 7 });
  const url = server.route('/feed-topics.json', json(feed));
  const page = await openStories(ext, { 'discoverystream.feedUrl': url, ...telemetryPrefs(collector) });
  await expect.poll(() => sectionTitles(page)).toEqual(['Science', 'Travel', 'Food']);
  // The story outside any section comes first, without a heading.
  await expect(page.locator('.story-grid-top .story-card')).toHaveCount(1);
  await expect(section(page, 'Science')).toContainText('Discoveries and the people behind them');
  await expect(section(page, 'Science').locator('.story-card')).toHaveCount(2);
  // A first load carries no topics: the same URL as before sections existed.
  expect(server.queries.filter((q) => q.path === '/feed-topics.json').map((q) => q.search)).toEqual(['']);

  const follow = section(page, 'Food').getByRole('button', { name: 'Follow' });
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await follow.click();
  // Followed topics come first, marked.
  await expect.poll(() => sectionTitles(page)).toEqual(['Food', 'Science', 'Travel']);
  await expect(section(page, 'Food').getByRole('button', { name: 'Follow' })).toHaveAttribute('aria-pressed', 'true');

  // Block asks first; cancelling keeps the section.
  await section(page, 'Travel').getByRole('button', { name: 'Block' }).click();
  const confirm = page.getByRole('alertdialog');
  await expect(confirm).toContainText('Block “Travel”? You won’t see stories on this topic any more.');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoAxeViolations(page, 'the block-topic question');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(section(page, 'Travel')).toBeVisible();

  await section(page, 'Travel').getByRole('button', { name: 'Block' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Block topic' }).click();
  await expect(section(page, 'Travel')).toHaveCount(0);
  await expect.poll(() => sectionTitles(page)).toEqual(['Food', 'Science']);
  await expect(toast(page)).toHaveText('“Travel” is blocked. You can unblock it in Personalize.');
  await expectNoAxeViolations(page, 'stories in topic sections');

  // Kept by the background: a new page shows the same.
  await expect
    .poll(() =>
      withExtensionApi(page, async (api) => (await api.storage.local.get('discoverystream.sectionPersonalization'))['discoverystream.sectionPersonalization']),
    )
    .toMatchObject({ followed: ['food'], blocked: ['travel'] });
  await ext.leave(page);
  const again = await ext.openPage('newtab/newtab.html');
  await expect.poll(() => sectionTitles(again)).toEqual(['Food', 'Science']);
  await expect(section(again, 'Food').getByRole('button', { name: 'Follow' })).toHaveAttribute('aria-pressed', 'true');
  await ext.leave(again);

  // The feed's next load (here: a feed address change) carries the ids, and only them.
  const next = server.route('/feed-topics-next.json', json(feed));
  const managed = await openStories(ext, { 'discoverystream.feedUrl': next });
  expect(server.queries.filter((q) => q.path === '/feed-topics-next.json').map((q) => q.search)).toEqual(['?followed=food&blocked=travel']);

  // The personalize panel lists them, and undoes them.
  await managed.getByRole('button', { name: 'Personalize' }).click();
  const panel = managed.getByRole('dialog', { name: 'Personalize' });
  const followed = panel.getByRole('list', { name: 'Followed topics' });
  const blocked = panel.getByRole('list', { name: 'Blocked topics' });
  await expect(followed.getByRole('listitem')).toHaveText(['FoodUnfollow']);
  await expect(blocked.getByRole('listitem')).toHaveText(['TravelUnblock']);
  await expectNoAxeViolations(managed, 'the personalize panel with topics');
  // "Stories by topic" off: one grid, the blocked topic still left out; its PREF_CHANGED says TOPIC_SECTION.
  // The switch shows the pref as the background has it, so it flips once the change has been there and back.
  const bySection = panel.getByRole('switch', { name: 'Stories by topic' });
  await setSwitch(bySection, false);
  await expect(managed.locator('.topic-section')).toHaveCount(0);
  await expect(managed.locator('.story-card[data-story-id]')).toHaveCount(5);
  await setSwitch(bySection, true);
  await expect.poll(() => sectionTitles(managed)).toEqual(['Food', 'Science']);
  await blocked.getByRole('button', { name: 'Unblock: Travel' }).click();
  await expect(panel.getByText('You have not blocked any topic.')).toBeVisible();
  await followed.getByRole('button', { name: 'Unfollow: Food' }).click();
  await expect(panel.getByText('You have not followed any topic yet.')).toBeVisible();
  await managed.keyboard.press('Escape');
  await expect.poll(() => sectionTitles(managed)).toEqual(['Science', 'Travel', 'Food']);
  await ext.leave(managed);

  // Both switches' pings: they may come in different batches.
  const prefDocs = await eventDocs(collector, 'PREF_CHANGED', 2, (d) => d.payload.source === 'TOPIC_SECTION');
  expect(prefDocs.map(valueOf)).toEqual(
    expect.arrayContaining([
      { status: false, menu_source: 'CUSTOMIZE_MENU' },
      { status: true, menu_source: 'CUSTOMIZE_MENU' },
    ]),
  );
  // Its user_prefs bit (16384) follows the switch.
  for (const doc of prefDocs) expect(Number(doc.payload.user_prefs) & 16384).toBe(valueOf(doc).status ? 16384 : 0);
  const [followDoc] = await eventDocs(collector, 'TOPIC_FOLLOW');
  expect(followDoc!.payload).toMatchObject({ source: 'TOPIC_SECTION', action_position: 2 });
  expect(valueOf(followDoc!)).toEqual({ section: 'food' });
  const [blockDoc] = await eventDocs(collector, 'TOPIC_BLOCK');
  expect(blockDoc!.payload).toMatchObject({ source: 'TOPIC_SECTION', action_position: 2 });
  expect(valueOf(blockDoc!)).toEqual({ section: 'travel' });
  const [unblockDoc] = await eventDocs(collector, 'TOPIC_UNBLOCK');
  expect(unblockDoc!.payload).toMatchObject({ source: 'TOPICS_PANEL', action_position: 0 });
  expect(valueOf(unblockDoc!)).toEqual({ section: 'travel' });
  const [unfollowDoc] = await eventDocs(collector, 'TOPIC_UNFOLLOW');
  expect(unfollowDoc!.payload).toMatchObject({ source: 'TOPICS_PANEL', action_position: 0 });
  expect(valueOf(unfollowDoc!)).toEqual({ section: 'food' });
});

test('thumbs up and down: a short confirmation, the liked story stays marked, the other goes for good', async () => {
  const { ext, server, collector } = h;
  const feed = testFeed(server, { base: 41_000, count: 5 });
  const url = server.route('/feed-thumbs.json', json(feed));
  const page = await openStories(ext, { 'discoverystream.feedUrl': url, ...telemetryPrefs(collector) });
  const [liked, disliked] = [41_002, 41_004];

  const up = card(page, liked).getByRole('button', { name: 'Thumbs up' });
  await up.click();
  await expect(toast(page)).toHaveText('Thanks for your feedback.');
  await expect(up).toHaveAttribute('aria-pressed', 'true');

  await card(page, disliked).getByRole('button', { name: 'Thumbs down' }).click();
  await expect(card(page, disliked)).toHaveCount(0);
  await expect(toast(page)).toHaveText('Thanks for your feedback.');
  // Keyboard focus stays in the grid.
  await expect(card(page, 41_005).getByRole('link')).toBeFocused();
  await ext.leave(page);

  const again = await ext.openPage('newtab/newtab.html');
  await expect(card(again, liked).getByRole('button', { name: 'Thumbs up' })).toHaveAttribute('aria-pressed', 'true');
  await expect(card(again, 41_001)).toBeVisible();
  await expect(card(again, disliked)).toHaveCount(0);
  await ext.leave(again);

  const ups = (await eventDocs(collector, 'THUMBS_UP')).filter((d) => d.payload.action_position === 1);
  expect(ups.map(valueOf)).toEqual([{ card_type: 'organic' }]);
  expect(ups[0]!.payload.source).toBe('CARDGRID');
  const downs = (await eventDocs(collector, 'THUMBS_DOWN')).filter((d) => d.payload.action_position === 3);
  expect(downs.map(valueOf)).toEqual([{ card_type: 'organic' }]);
  const blocks = await impressionPings(collector, [disliked], (docs) => docs.some((d) => d.payload.block === 0));
  expect(blocks.flatMap(tilesOf)).toContainEqual({ id: disliked, pos: 3 });
});

test('reporting a story and a sponsored story with Firefox’s reasons hides each and says thanks', async () => {
  const { ext, server, collector } = h;
  const options: TestFeedOptions = { base: 42_000, count: 4, spocs: [{ id: 42_901, flightId: 'report-flight' }], settings: { spocPositions: [0] } };
  const url = server.route('/feed-report.json', json(testFeed(server, options)));
  await loadFeed(ext, { 'discoverystream.feedUrl': url, ...telemetryPrefs(collector) });
  const page = await ext.openPage('newtab/newtab.html');
  await expect(card(page, 42_901)).toBeVisible();

  await card(page, 42_002).getByRole('button', { name: /options/i }).click();
  await page.getByRole('menuitem', { name: 'Report' }).click();
  const story = page.getByRole('dialog', { name: 'Report this story' });
  await expect(story.getByRole('radio')).toHaveCount(4);
  for (const reason of ['Wrong category', 'Outdated', 'Inappropriate or offensive', 'Spam or misleading']) {
    await expect(story.getByRole('radio', { name: reason })).toBeVisible();
  }
  const submit = story.getByRole('button', { name: 'Submit' });
  await expect(submit).toBeDisabled();
  await expectNoAxeViolations(page, 'the report form');
  await story.getByRole('radio', { name: 'Outdated' }).check();
  await submit.click();
  await expect(story).toHaveCount(0);
  await expect(card(page, 42_002)).toHaveCount(0);
  await expect(toast(page)).toHaveText('Thanks for reporting this.');

  await card(page, 42_901).getByRole('button', { name: /options/i }).click();
  await page.getByRole('menuitem', { name: 'Report ad' }).click();
  const ad = page.getByRole('dialog', { name: 'Report this ad' });
  await expect(ad.getByRole('radio')).toHaveCount(3);
  await ad.getByRole('radio', { name: 'I’ve seen it too many times' }).check();
  await ad.getByRole('button', { name: 'Submit' }).click();
  await expect(card(page, 42_901)).toHaveCount(0);
  await expect(toast(page)).toHaveText('Thanks for reporting this.');
  await ext.leave(page);

  // Both stay hidden: the story by id, the spoc with its whole flight.
  const again = await ext.openPage('newtab/newtab.html');
  await expect(card(again, 42_001)).toBeVisible();
  await expect(card(again, 42_002)).toHaveCount(0);
  await expect(card(again, 42_901)).toHaveCount(0);
  await ext.leave(again);

  const reports = (await eventDocs(collector, 'REPORT_CONTENT', 2)).filter((d) => d.payload.source === 'CARDGRID');
  const byType = Object.fromEntries(reports.map((d) => [valueOf(d).card_type as string, { pos: d.payload.action_position, value: valueOf(d) }]));
  expect(byType.organic).toEqual({ pos: 2, value: { card_type: 'organic', report_reason: 'outdated' } });
  expect(byType.spoc).toEqual({ pos: 0, value: { card_type: 'spoc', report_reason: 'seen_too_many_times' } });
  // As a dismissal does, with the spoc's delete shim.
  const blocks = await impressionPings(collector, [42_901], (docs) => docs.some((d) => d.payload.block === 0));
  expect(blocks.flatMap(tilesOf)).toContainEqual({ id: 42_901, pos: 0, shim: 'delete-42901' });
});

test('sections, the block question and the report form have no axe violations in dark and right to left', async () => {
  const { ext, server } = h;
  const url = server.route('/feed-topics-a11y.json', json(sectionedFeed({ base: 43_000, count: 7 })));
  await loadFeed(ext, { 'discoverystream.feedUrl': url, theme: 'dark' });
  try {
    const page = await ext.openPage('newtab/newtab.html?locale=ar');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('.topic-section')).toHaveCount(3);
    await expectNoAxeViolations(page, 'topic sections, dark, right to left');
    await page.locator('.topic-section').first().getByRole('button', { name: 'احجب' }).click();
    await expect(page.getByRole('alertdialog')).toBeVisible();
    await expectNoAxeViolations(page, 'the block question, dark, right to left');
    await page.keyboard.press('Escape');
    await card(page, 43_002).getByRole('button', { name: 'خيارات أخرى' }).click();
    await page.getByRole('menuitem', { name: 'أبلغ', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'أبلغ عن هذه القصة' })).toBeVisible();
    await expectNoAxeViolations(page, 'the report form, dark, right to left');
    await ext.leave(page);
  } finally {
    const reset = await ext.openPage('options/options.html');
    await ext.setPrefs(reset, { theme: 'system' });
    await ext.leave(reset);
  }
});
