// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { action, AlsoToOneContent, BroadcastToContent } from '../common/actions';
import { DEFAULT_SETTINGS } from '../common/stories/sanitizeFeed';
import type { PopupState, PopupView } from '../common/messaging/types';
import { renderForTest } from '../test-support/renderForTest';
import { Popup } from './Popup';

afterEach(cleanup);

const opened: string[] = [];

const STATE: PopupState = {
  whatsNew: [
    { id: 'WN_2', content: { title: 'Pinned tabs', body: 'Keep tabs at hand.', published_date: Date.UTC(2026, 1, 2), link_text: 'See how', cta_url: 'https://example.org/2' } },
    { id: 'WN_1', content: { title: 'Dark mode', body: 'Easier at night.', published_date: Date.UTC(2026, 0, 1), icon_url: 'https://example.org/moon.png', icon_alt: 'Moon' } },
  ],
  cfr: null,
  savableTabId: null,
};

function openPopup(state: PopupState = STATE, prefs = {}, view: PopupView = 'toolbar') {
  const page = renderForTest(<Popup view={view} openNewTab={() => void opened.push('newtab')} />, { prefs });
  act(() => void page.store.dispatch(AlsoToOneContent(action('TOOLBAR_POPUP_STATE', state), 'me')));
  return page;
}

describe("Popup: What's new", () => {
  it('lists the messages in the order sent, each with its date, and reports their showing once', () => {
    const page = openPopup();
    const region = screen.getByRole('region', { name: "What's new" });
    expect(region.querySelectorAll('h3')).toHaveLength(2);
    expect([...region.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Pinned tabs', 'Dark mode']);
    expect(region.querySelector('time')?.getAttribute('datetime')).toBe('2026-02-02T00:00:00.000Z');
    expect(screen.getByRole('img', { name: 'Moon' })).toBeTruthy();
    expect(page.sentOfType('WHATS_NEW_VIEWED').map((a) => a.data)).toEqual([{ ids: ['WN_2', 'WN_1'] }]);
    expect(document.body.dataset.popupReady).toBe('1');
  });

  it("sends a message's click, and the notifications checkbox's new value", () => {
    const page = openPopup();
    fireEvent.click(screen.getByRole('button', { name: 'See how' }));
    expect(page.sentOfType('WHATS_NEW_CLICK').map((a) => a.data)).toEqual([{ id: 'WN_2' }]);
    const box = screen.getByRole('checkbox', { name: 'Show notifications for new features' });
    expect(box).toHaveProperty('checked', true);
    fireEvent.click(box);
    expect(page.sentOfType('WHATS_NEW_PREF_TOGGLE').map((a) => a.data)).toEqual([{ value: false }]);
  });

  it('says when there is nothing new, and reports no showing', () => {
    const page = openPopup({ whatsNew: [], cfr: null, savableTabId: null });
    expect(screen.getByText('Nothing new right now.')).toBeTruthy();
    expect(page.sentOfType('WHATS_NEW_VIEWED')).toEqual([]);
  });

  it('is labelled in Arabic, right to left', () => {
    openPopup(STATE);
    cleanup();
    const page = renderForTest(<Popup view="toolbar" openNewTab={() => {}} />, { locale: 'ar' });
    act(() => void page.store.dispatch(AlsoToOneContent(action('TOOLBAR_POPUP_STATE', STATE), 'me')));
    expect(screen.getByRole('region', { name: 'ما الجديد' })).toBeTruthy();
  });
});

describe('Popup: a recommendation (CFR doorhanger)', () => {
  const CFR: PopupState['cfr'] = {
    id: 'CFR_1',
    content: {
      category: 'cfrAddons',
      heading_text: 'Translate pages',
      text: 'An extension that translates.',
      rationale: 'You read pages in other languages.',
      learn_more: 'https://example.org/learn',
      addon: { title: 'Translator', author: 'Example' },
      primary: { label: 'Add now', action: { type: 'OPEN_URL', data: { url: 'https://addons.example/t' } } },
    },
  };

  it('shows heading, text and add-on, and sends each control it is used with', () => {
    const page = openPopup({ whatsNew: [], cfr: CFR, savableTabId: null });
    const doorhanger = screen.getByRole('region', { name: 'Translate pages' });
    expect(doorhanger.textContent).toContain('Recommended extension');
    expect(doorhanger.textContent).toContain('Translator');
    // jsdom does not open <details> on a click; the browser does (e2e), then fires toggle.
    const rationale = screen.getByText('Why am I seeing this?').closest('details')!;
    rationale.open = true;
    fireEvent(rationale, new Event('toggle'));
    fireEvent.click(screen.getByRole('button', { name: 'Learn more' }));
    fireEvent.click(screen.getByRole('button', { name: 'Manage recommendations' }));
    fireEvent.click(screen.getByRole('button', { name: 'Add now' }));
    expect(page.sentOfType('CFR_ACTION').map((a) => a.data.control)).toEqual(['rationale', 'learn_more', 'manage', 'primary']);
    expect(screen.queryByRole('region', { name: 'Translate pages' })).toBeNull();
  });

  it.each([
    ['Not now', 'dismiss'],
    ["Don't show this again", 'block'],
  ])('%s sends %s and closes it', (name, control) => {
    const page = openPopup({ whatsNew: [], cfr: CFR, savableTabId: null });
    fireEvent.click(screen.getByRole('button', { name }));
    expect(page.sentOfType('CFR_ACTION').map((a) => a.data)).toEqual([{ id: 'CFR_1', control }]);
    expect(screen.queryByRole('region', { name: 'Translate pages' })).toBeNull();
  });

  it("from Firefox's page action shows only the recommendation", () => {
    openPopup({ whatsNew: STATE.whatsNew, cfr: CFR, savableTabId: 3 }, {}, 'cfr');
    expect(screen.getByRole('region', { name: 'Translate pages' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: "What's new" })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Saved for later' })).toBeNull();
  });
});

describe('Popup: saved for later', () => {
  const story = (id: number, title: string) => ({ id, url: `https://example.org/${id}`, title, excerpt: '', publisher: 'example.org', image: null });
  const withStories = (page: ReturnType<typeof openPopup>, saved: ReturnType<typeof story>[], stories: ReturnType<typeof story>[]) =>
    act(() =>
      void page.store.dispatch(
        BroadcastToContent(
          action('DISCOVERY_STREAM_STORIES_UPDATE', { source: 'feed', fetchedAt: 1, settings: DEFAULT_SETTINGS, stories, spocs: [], topics: [], sections: [], saved, blockedFlights: [] }),
        ),
      ),
    );

  it('saves the page of its tab, then shows recommendations once (on-save-recs) and reports their clicks', () => {
    const page = openPopup({ ...STATE, savableTabId: 12 });
    withStories(page, [], [story(1, 'One'), story(2, 'Two'), story(3, 'Three'), story(4, 'Four')]);
    expect(page.sentOfType('TELEMETRY_POCKET_BUTTON').map((a) => a.data.events)).toEqual([[{ action: 'impression', position: 0, source: 'save_button' }]]);
    fireEvent.click(screen.getByRole('button', { name: 'Save this page' }));
    expect(page.sentOfType('SAVE_TO_LIST').map((a) => a.data)).toEqual([{ tabId: 12 }]);
    expect(screen.getByRole('status').textContent).toBe('Saved to your list.');
    const recs = screen.getByRole('heading', { name: 'You might also like' }).parentElement!;
    expect([...recs.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['One', 'Two', 'Three']);
    withStories(page, [story(9, 'Saved page')], [story(1, 'One'), story(2, 'Two'), story(3, 'Three'), story(4, 'Four')]);
    fireEvent.click(screen.getByRole('link', { name: 'Two' }));
    expect(page.sentOfType('TELEMETRY_ON_SAVE_RECS').map((a) => a.data.events)).toEqual([
      [0, 1, 2].map((position) => ({ action: 'impression', position })),
      [{ action: 'click', position: 1 }],
    ]);
    expect(page.sentOfType('TELEMETRY_POCKET_BUTTON').at(-1)?.data.events).toEqual([{ action: 'click', position: 1, source: 'on_save_recs' }]);
  });

  it('recommends no story of a topic the user blocked', () => {
    const page = openPopup({ ...STATE, savableTabId: 12 });
    const sections = [{ id: 'travel', title: 'Travel', subtitle: '' }];
    act(() => {
      page.store.dispatch(BroadcastToContent(action('SECTION_PERSONALIZATION_UPDATE', { followed: [], blocked: ['travel'], liked: [] })));
      page.store.dispatch(
        BroadcastToContent(
          action('DISCOVERY_STREAM_STORIES_UPDATE', {
            source: 'feed', fetchedAt: 1, settings: DEFAULT_SETTINGS, spocs: [], topics: [], sections, saved: [], blockedFlights: [],
            stories: [{ ...story(1, 'Trip'), section: 'travel' }, story(2, 'Two'), story(3, 'Three'), story(4, 'Four')],
          }),
        ),
      );
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save this page' }));
    const recs = screen.getByRole('heading', { name: 'You might also like' }).parentElement!;
    expect([...recs.querySelectorAll('a')].map((a) => a.textContent)).toEqual(['Two', 'Three', 'Four']);
  });

  it('lists the saved pages to open, remove or export, and opens the list on a new tab', () => {
    const page = openPopup(STATE);
    withStories(page, [story(9, 'Saved page')], []);
    expect(screen.queryByRole('button', { name: 'Save this page' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Saved page' }).getAttribute('href')).toBe('https://example.org/9');
    expect(screen.getByRole('link', { name: 'Export as JSON' }).getAttribute('download')).toBe('saved-pages.json');
    fireEvent.click(screen.getByRole('button', { name: 'Remove “Saved page” from saved' }));
    expect(page.sentOfType('DISCOVERY_STREAM_UNSAVE_STORY').map((a) => a.data)).toEqual([{ id: 9 }]);
    fireEvent.click(screen.getByRole('button', { name: 'Open the list on a new tab' }));
    expect(opened.at(-1)).toBe('newtab');
    expect(page.sentOfType('TELEMETRY_POCKET_BUTTON').map((a) => a.data.events[0]?.source)).toEqual(['home_button', 'home_view_list']);
  });
});
