import { describe, expect, it } from 'vitest';
import { ac, action } from '../../common/actions';
import type { RouterHarnessOptions } from '../../test-support/fakeMessaging';
import { createSurfacesHarness } from '../../test-support/fakeSurfaces';
import { BADGE_COLOR, DOT } from './ToolbarFeed';

const POPUP = 'popup-1';
const BADGE = {
  id: 'FXA_ACCOUNTS_BADGE',
  template: 'toolbar_badge',
  content: { text: '1', color: '#d70022' },
  trigger: { id: 'toolbarBadgeUpdate' },
  frequency: { lifetime: 1 },
};
const whatsNew = (id: string, day: number, link = true) => ({
  id,
  template: 'whatsnew_panel_message',
  trigger: { id: 'whatsNewPanelOpened' },
  content: {
    title: `Title ${id}`,
    body: `Body ${id}`,
    published_date: Date.UTC(2026, 0, day),
    ...(link ? { link_text: 'Learn more', cta_url: `https://example.org/${id}` } : {}),
  },
});

async function toolbarHarness(o: RouterHarnessOptions) {
  const h = await createSurfacesHarness(o);
  return { ...h, openPopup: async (port = POPUP) => h.openPopup(port) };
}

describe('ToolbarFeed: feature callout badges', () => {
  it('sets the badge once, sends IMPRESSION once, and CLICK then clears it when the popup opens', async () => {
    const h = await toolbarHarness({ remote: [BADGE] });
    expect(h.lastBadge()).toEqual({ text: '1', color: '#d70022' });
    expect(h.pings()).toEqual([{ action: 'cfr_user_event', event: 'IMPRESSION', message_id: 'FXA_ACCOUNTS_BADGE' }]);
    await h.dispatch(action('INIT', undefined));
    expect(h.pings()).toHaveLength(1);
    await h.openPopup();
    expect(h.pings().at(-1)).toEqual({ action: 'cfr_user_event', event: 'CLICK', message_id: 'FXA_ACCOUNTS_BADGE' });
    expect(h.lastBadge()).toBeNull();
    // Opened again: no badge, no second CLICK; capped at one impression, it never comes back.
    await h.openPopup('popup-2');
    await h.feed.trigger({ id: 'toolbarBadgeUpdate' });
    expect(h.pings().filter((p) => p.action === 'cfr_user_event')).toHaveLength(2);
    expect(h.lastBadge()).toBeNull();
  });

  it('in a private window shows the popup but clicks, counts and sends nothing', async () => {
    const h = await createSurfacesHarness({ remote: [BADGE, whatsNew('WHATS_NEW_1', 1)] });
    const state = await h.openPopup('private', 7, 'toolbar', true);
    expect(state?.whatsNew.map((i) => i.id)).toEqual(['WHATS_NEW_1']);
    await h.fromPage('private', ac.WhatsNewViewed(['WHATS_NEW_1']));
    await h.fromPage('private', ac.WhatsNewClick('WHATS_NEW_1'));
    expect(h.pings()).toEqual([{ action: 'cfr_user_event', event: 'IMPRESSION', message_id: 'FXA_ACCOUNTS_BADGE' }]);
    expect(h.lastBadge()).toEqual({ text: '1', color: '#d70022' });
  });

  it('sets one badge and one IMPRESSION when triggers fire at once', async () => {
    const h = await createSurfacesHarness({ remote: [{ ...BADGE, frequency: { lifetime: 5 } }] });
    await h.openPopup(POPUP); // clicks and clears the badge set at start
    const before = h.pings().length;
    await Promise.all([h.feed.trigger({ id: 'toolbarBadgeUpdate' }), h.feed.trigger({ id: 'toolbarBadgeUpdate' }), h.feed.trigger({ id: 'toolbarBadgeUpdate' })]);
    expect(h.pings().slice(before)).toEqual([{ action: 'cfr_user_event', event: 'IMPRESSION', message_id: 'FXA_ACCOUNTS_BADGE' }]);
  });

  it('keeps the badge across a background restart without a second impression', async () => {
    const first = await toolbarHarness({ remote: [{ ...BADGE, frequency: { lifetime: 5 } }] });
    const again = await toolbarHarness({ remote: [{ ...BADGE, frequency: { lifetime: 5 } }], local: first.local });
    expect(again.lastBadge()).toEqual({ text: '1', color: '#d70022' });
    expect(again.pings()).toEqual([]);
  });

  it('draws a dot in the default colour for a badge without text', async () => {
    const h = await toolbarHarness({ remote: [{ ...BADGE, content: {} }] });
    expect(h.lastBadge()).toEqual({ text: DOT, color: BADGE_COLOR });
  });
});

describe("ToolbarFeed: the What's new view", () => {
  const messages = [whatsNew('WHATS_NEW_1', 1), whatsNew('WHATS_NEW_3', 3), whatsNew('WHATS_NEW_2', 2, false)];

  it('sends the popup its messages newest first, one IMPRESSION naming all of them, and CLICK per link', async () => {
    const h = await toolbarHarness({ remote: messages });
    const state = await h.openPopup();
    expect(state?.whatsNew.map((i) => i.id)).toEqual(['WHATS_NEW_3', 'WHATS_NEW_2', 'WHATS_NEW_1']);
    expect(state?.cfr).toBeNull();
    await h.fromPage(POPUP, ac.WhatsNewViewed(['WHATS_NEW_3', 'WHATS_NEW_2', 'WHATS_NEW_1', 'NOT_SHOWN']));
    await h.fromPage(POPUP, ac.WhatsNewViewed(['WHATS_NEW_3']));
    await h.fromPage(POPUP, ac.WhatsNewClick('WHATS_NEW_1'));
    await h.fromPage(POPUP, ac.WhatsNewClick('NOT_SHOWN'));
    expect(h.pings()).toEqual([
      { action: 'whats-new-panel_user_event', event: 'IMPRESSION', message_id: 'WHATS_NEW_3,WHATS_NEW_2,WHATS_NEW_1', value: { view: 'toolbar_dropdown' } },
      { action: 'whats-new-panel_user_event', event: 'CLICK', message_id: 'WHATS_NEW_1', value: { view: 'toolbar_dropdown' } },
    ]);
    expect(h.opened).toEqual(['https://example.org/WHATS_NEW_1']);
  });

  it('badges unseen messages with a dot until they are viewed, only while notifications are on', async () => {
    const h = await toolbarHarness({ remote: messages });
    expect(h.lastBadge()).toEqual({ text: DOT, color: BADGE_COLOR });
    await h.setPref('messaging.whatsNewNotifications', false);
    expect(h.lastBadge()).toBeNull();
    await h.setPref('messaging.whatsNewNotifications', true);
    expect(h.lastBadge()).toEqual({ text: DOT, color: BADGE_COLOR });
    await h.openPopup();
    await h.fromPage(POPUP, ac.WhatsNewViewed(['WHATS_NEW_3', 'WHATS_NEW_2', 'WHATS_NEW_1']));
    expect(h.lastBadge()).toBeNull();
  });

  it('turns the notifications pref with the checkbox and reports WNP_PREF_TOGGLE', async () => {
    const h = await toolbarHarness({ remote: messages });
    await h.openPopup();
    await h.fromPage(POPUP, ac.WhatsNewPrefToggle(false));
    expect(h.store.dispatched).toContainEqual(action('SET_PREF', { name: 'messaging.whatsNewNotifications', value: false }));
    expect(h.pings()).toEqual([{ action: 'whats-new-panel_user_event', event: 'WNP_PREF_TOGGLE', message_id: 'n/a', value: { prefValue: false } }]);
  });

  it('ignores what a page other than an opened popup says', async () => {
    const h = await toolbarHarness({ remote: messages });
    await h.connect('newtab');
    await h.fromPage('newtab', ac.WhatsNewViewed(['WHATS_NEW_1']));
    await h.fromPage('newtab', ac.WhatsNewClick('WHATS_NEW_1'));
    expect(h.pings()).toEqual([]);
  });
});
