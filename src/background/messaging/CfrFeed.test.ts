import { describe, expect, it } from 'vitest';
import { ac } from '../../common/actions';
import { createSurfacesHarness } from '../../test-support/fakeSurfaces';
import { testContext } from '../../test-support/pingSamples';
import { buildMessagingPing } from '../telemetry/pings/index';
import { CFR_TABS_KEY } from './CfrFeed';
import { cfrEventPing } from './messagePings';

const DAY = 24 * 60 * 60 * 1000;
const ADDON = {
  id: 'CFR_ADDON_TRANSLATE',
  template: 'cfr_doorhanger',
  bucket_id: 'CFR_M1',
  trigger: { id: 'openURL', params: ['wikipedia.org'], patterns: ['*://translate.example/*'] },
  content: {
    category: 'cfrAddons',
    heading_text: 'Recommended extension',
    text: 'Translate any page.',
    rationale: 'You visit pages in other languages.',
    notification_text: 'Recommendation',
    learn_more: 'https://example.org/learn',
    addon: { title: 'Translator', author: 'Example' },
    primary: { label: 'Add now', action: { type: 'OPEN_URL', data: { url: 'https://addons.example/translator' } } },
  },
};
const PIN = {
  id: 'CFR_PIN_TAB',
  template: 'cfr_doorhanger',
  trigger: { id: 'openURL', params: ['mail.example'] },
  content: {
    category: 'cfrFeatures',
    heading_text: 'Pin this tab',
    text: 'Keep your mail at hand.',
    rationale: 'You open mail often.',
    primary: { label: 'Pin', action: { type: 'PIN_CURRENT_TAB' } },
  },
};
const TAB = 7;
const POPUP = 'popup-1';

const cfrEvents = (h: Awaited<ReturnType<typeof createSurfacesHarness>>) =>
  h.pings().flatMap((p) => (p.action === 'cfr_user_event' ? [p.event] : []));

describe('CfrFeed', () => {
  it('shows a recommendation on the tab of a page matching its hosts or patterns, once, with an IMPRESSION', async () => {
    const h = await createSurfacesHarness({ remote: [ADDON] });
    await h.visit(TAB, 'https://example.com/');
    expect(h.indicators.size).toBe(0);
    await h.visit(TAB, 'https://en.wikipedia.org/wiki/Language');
    expect(h.indicators.size).toBe(0); // params are hosts: the host itself or its www. form
    await h.visit(TAB, 'https://www.wikipedia.org/');
    expect(h.indicators).toEqual(new Map([[TAB, 'Recommendation']]));
    await h.visit(TAB, 'https://www.wikipedia.org/');
    await h.visit(8, 'https://translate.example/page'); // the cfr-addons group: one a day
    expect([...h.indicators.keys()]).toEqual([TAB]);
    expect(h.pings()).toEqual([{ action: 'cfr_user_event', event: 'IMPRESSION', message_id: ADDON.id, bucket_id: 'CFR_M1' }]);
    h.clock.value += DAY;
    await h.visit(8, 'http://translate.example/page');
    expect([...h.indicators.keys()]).toEqual([TAB, 8]);
  });

  it('shows one recommendation and one IMPRESSION when a tab reports two loads at once', async () => {
    const h = await createSurfacesHarness({ remote: [{ ...PIN, frequency: { lifetime: 5 } }] });
    await Promise.all([h.visit(TAB, 'https://mail.example/'), h.visit(TAB, 'https://mail.example/')]);
    expect(cfrEvents(h)).toEqual(['IMPRESSION']);
  });

  it('keeps which tab shows what, never the page', async () => {
    const h = await createSurfacesHarness({ remote: [ADDON] });
    await h.visit(TAB, 'https://www.wikipedia.org/wiki/Secret_page?q=private');
    const kept = JSON.stringify({ session: h.session.data, local: h.local.data, pings: h.pings() });
    expect(h.session.data[CFR_TABS_KEY]).toEqual({ [TAB]: ADDON.id });
    // The message itself names its hosts; the visited URL is nowhere.
    expect(kept).not.toMatch(/www\.wikipedia|Secret_page|q=private/);
  });

  it('opens as a doorhanger on its tab (CLICK_DOORHANGER) and reports every control: RATIONALE once, LEARN_MORE, MANAGE, INSTALL', async () => {
    const h = await createSurfacesHarness({ remote: [ADDON] });
    await h.visit(TAB, 'https://wikipedia.org/');
    expect((await h.openPopup('other-tab', 9))?.cfr).toBeNull();
    const state = await h.openPopup(POPUP, TAB);
    expect(state?.cfr).toEqual({ id: ADDON.id, content: ADDON.content });
    for (const control of ['rationale', 'rationale', 'learn_more', 'manage', 'primary'] as const) {
      await h.fromPage(POPUP, ac.CfrAction(ADDON.id, control));
    }
    expect(cfrEvents(h)).toEqual(['IMPRESSION', 'CLICK_DOORHANGER', 'RATIONALE', 'LEARN_MORE', 'MANAGE', 'INSTALL']);
    expect(h.opened).toEqual(['https://example.org/learn', 'settings#content', 'https://addons.example/translator']);
    // Taken: the indicator goes and the recommendation never comes back.
    expect(h.indicators.size).toBe(0);
    expect(h.router.whyNot(h.router.find(ADDON.id)!)).toBe('blocked');
  });

  it('pins the tab for a PIN_CURRENT_TAB recommendation (PIN)', async () => {
    const h = await createSurfacesHarness({ remote: [PIN] });
    await h.visit(TAB, 'https://mail.example/inbox');
    await h.openPopup(POPUP, TAB);
    await h.fromPage(POPUP, ac.CfrAction(PIN.id, 'primary'));
    expect(cfrEvents(h)).toEqual(['IMPRESSION', 'CLICK_DOORHANGER', 'PIN']);
    expect(h.pinned).toEqual([TAB]);
  });

  it('Not now closes it (DISMISS) and it may come back; Don\'t show this again (BLOCK) never shows it again', async () => {
    const h = await createSurfacesHarness({ remote: [PIN] });
    await h.visit(TAB, 'https://mail.example/');
    await h.openPopup(POPUP, TAB);
    await h.fromPage(POPUP, ac.CfrAction(PIN.id, 'dismiss'));
    expect(h.indicators.size).toBe(0);
    h.clock.value += DAY;
    await h.visit(TAB, 'https://mail.example/');
    await h.openPopup('popup-2', TAB);
    await h.fromPage('popup-2', ac.CfrAction(PIN.id, 'block'));
    await h.router.resetImpressions();
    h.clock.value += DAY;
    await h.visit(TAB, 'https://mail.example/');
    expect(h.indicators.size).toBe(0);
    expect(cfrEvents(h)).toEqual(['IMPRESSION', 'CLICK_DOORHANGER', 'DISMISS', 'IMPRESSION', 'CLICK_DOORHANGER', 'BLOCK']);
  });

  it('drops the indicator silently when its tab navigates or closes, and ignores a popup it was not sent to', async () => {
    const h = await createSurfacesHarness({ remote: [PIN] });
    await h.visit(TAB, 'https://mail.example/');
    await h.openPopup('no-cfr', 9);
    await h.fromPage('no-cfr', ac.CfrAction(PIN.id, 'block'));
    await h.cfr.clearTab(TAB);
    expect(h.indicators.size).toBe(0);
    expect(h.session.data[CFR_TABS_KEY]).toEqual({});
    expect(cfrEvents(h)).toEqual(['IMPRESSION']);
  });

  it('follows the cfr.addons and cfr.features prefs, each for its own kind', async () => {
    const h = await createSurfacesHarness({ remote: [ADDON, PIN], prefs: { 'asrouter.userprefs.cfr.addons': false } });
    await h.visit(TAB, 'https://wikipedia.org/');
    await h.visit(8, 'https://mail.example/');
    expect([...h.indicators.keys()]).toEqual([8]);
    await h.setPref('asrouter.userprefs.cfr.features', false);
    await h.setPref('asrouter.userprefs.cfr.addons', true);
    await h.cfr.clearTab(8);
    await h.visit(8, 'https://mail.example/');
    await h.visit(TAB, 'https://wikipedia.org/');
    expect([...h.indicators.keys()]).toEqual([TAB]);
  });

  it('reports the model version only for a recommendation of a personalized model (its experiment)', async () => {
    const h = await createSurfacesHarness({ remote: [{ ...PIN, personalizedModelVersion: 'cfr_model_7' }, { ...ADDON }] });
    await h.visit(TAB, 'https://mail.example/');
    await h.visit(8, 'https://wikipedia.org/');
    expect(h.pings()).toEqual([
      { action: 'cfr_user_event', event: 'IMPRESSION', message_id: PIN.id, in_experiment: true, event_context: { modelVersion: 'cfr_model_7' } },
      { action: 'cfr_user_event', event: 'IMPRESSION', message_id: ADDON.id, bucket_id: 'CFR_M1' },
    ]);
  });
});

describe('CFR pings in both channel forms', () => {
  it('release: client_id n/a is left out, the bucket is the message_id, with the impression_id; others: client and real id', () => {
    const data = cfrEventPing({ id: ADDON.id, bucket_id: 'CFR_M1' }, 'INSTALL');
    const release = buildMessagingPing(testContext({ release_channel: 'release' }), data).payload;
    expect(release).toMatchObject({ message_id: 'CFR_M1', bucket_id: 'CFR_M1', source: 'CFR', event: 'INSTALL' });
    expect(release.impression_id).toMatch(/^\{[0-9a-f-]{36}\}$/);
    expect(release).not.toHaveProperty('client_id');
    const nightly = buildMessagingPing(testContext({ release_channel: 'nightly' }), data).payload;
    expect(nightly).toMatchObject({ message_id: ADDON.id, client_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(nightly).not.toHaveProperty('impression_id');
    expect(nightly).not.toHaveProperty('event_context');
  });
});
