// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { action, AlsoToOneContent } from '../common/actions';
import type { PopupState } from '../common/messaging/types';
import { renderForTest } from '../test-support/renderForTest';
import { Popup } from './Popup';

afterEach(cleanup);

const STATE: PopupState = {
  whatsNew: [
    { id: 'WN_2', content: { title: 'Pinned tabs', body: 'Keep tabs at hand.', published_date: Date.UTC(2026, 1, 2), link_text: 'See how', cta_url: 'https://example.org/2' } },
    { id: 'WN_1', content: { title: 'Dark mode', body: 'Easier at night.', published_date: Date.UTC(2026, 0, 1), icon_url: 'https://example.org/moon.png', icon_alt: 'Moon' } },
  ],
};

function openPopup(state: PopupState = STATE, prefs = {}) {
  const page = renderForTest(<Popup />, { prefs });
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
    const page = openPopup({ whatsNew: [] });
    expect(screen.getByText('Nothing new right now.')).toBeTruthy();
    expect(page.sentOfType('WHATS_NEW_VIEWED')).toEqual([]);
  });

  it('is labelled in Arabic, right to left', () => {
    openPopup(STATE);
    cleanup();
    const page = renderForTest(<Popup />, { locale: 'ar' });
    act(() => void page.store.dispatch(AlsoToOneContent(action('TOOLBAR_POPUP_STATE', STATE), 'me')));
    expect(screen.getByRole('region', { name: 'ما الجديد' })).toBeTruthy();
  });
});
