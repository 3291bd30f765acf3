// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderForTest } from '../../test-support/renderForTest';
import { PersonalizePanel } from './PersonalizePanel';

afterEach(cleanup);

function openPanel(props: { onClose?: () => void; openOptionsPage?: () => void } = {}, prefs = {}) {
  const onClose = props.onClose ?? vi.fn();
  const page = renderForTest(<PersonalizePanel onClose={onClose} openOptionsPage={props.openOptionsPage} />, { prefs });
  return { ...page, onClose, dialog: screen.getByRole('dialog', { name: 'Personalize' }) };
}

describe('PersonalizePanel', () => {
  it('sends SHOW_PERSONALIZE on open and focuses the close button', () => {
    const { userEvents } = openPanel();
    expect(userEvents()).toEqual([{ event: 'SHOW_PERSONALIZE' }]);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Close' }));
  });

  it.each([
    ['Shortcuts', 'feeds.topsites', 'TOP_SITES'],
    ['Sponsored shortcuts', 'showSponsoredTopSites', 'SPONSORED_TOP_SITES'],
    ['Recommended stories', 'feeds.section.topstories', 'TOP_STORIES'],
    ['Sponsored stories', 'showSponsored', 'POCKET_SPOCS'],
    ['Recent activity', 'feeds.section.highlights', 'HIGHLIGHTS'],
    ['Snippets', 'feeds.snippets', 'SNIPPETS'],
    ['Sponsored content', 'showSponsoredCheckboxes', 'SPONSORED_CONTENT'],
  ])('the %s switch sets %s and sends PREF_CHANGED from %s', (name, pref, source) => {
    const page = openPanel();
    const toggle = screen.getByRole('switch', { name });
    expect(toggle).toHaveProperty('checked', true);
    fireEvent.click(toggle);
    expect(page.sentOfType('SET_PREF').map((a) => a.data)).toEqual([{ name: pref, value: false }]);
    expect(page.userEvents().at(-1)).toEqual({
      event: 'PREF_CHANGED',
      source,
      value: { status: false, menu_source: 'CUSTOMIZE_MENU' },
    });
  });

  it('reports the new status when a section is switched back on', () => {
    const page = openPanel({}, { 'feeds.section.highlights': false });
    fireEvent.click(screen.getByRole('switch', { name: 'Recent activity' }));
    expect(page.userEvents().at(-1)?.value).toEqual({ status: true, menu_source: 'CUSTOMIZE_MENU' });
  });

  it('disables the sponsored switches and the rows while their section is off', () => {
    openPanel({}, { 'feeds.topsites': false, 'feeds.section.topstories': false });
    expect(screen.getByRole('switch', { name: 'Sponsored shortcuts' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('switch', { name: 'Sponsored stories' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('combobox', { name: 'Rows of shortcuts' })).toHaveProperty('disabled', true);
  });

  it('greys out both detailed sponsored switches while "Sponsored content" is off, and keeps their values', () => {
    openPanel({}, { showSponsoredCheckboxes: false, showSponsored: false });
    expect(screen.getByRole('switch', { name: 'Sponsored content' })).toHaveProperty('checked', false);
    const shortcuts = screen.getByRole('switch', { name: 'Sponsored shortcuts' });
    const stories = screen.getByRole('switch', { name: 'Sponsored stories' });
    expect([shortcuts, stories].map((s) => [(s as HTMLInputElement).disabled, (s as HTMLInputElement).checked])).toEqual([
      [true, true],
      [true, false],
    ]);
    // They sit under it, after the sections.
    const names = screen.getAllByRole('switch').map((s) => s.getAttribute('name'));
    expect(names.indexOf('showSponsoredCheckboxes')).toBe(names.indexOf('showSponsoredTopSites') - 1);
  });

  it('sets the rows without a user event (as Firefox)', () => {
    const page = openPanel();
    fireEvent.change(screen.getByRole('combobox', { name: 'Rows of shortcuts' }), { target: { value: '3' } });
    expect(page.sentOfType('SET_PREF').map((a) => a.data)).toEqual([{ name: 'topSitesRows', value: 3 }]);
    expect(page.userEvents().map((e) => e.event)).toEqual(['SHOW_PERSONALIZE']);
  });

  it('closes with Escape, the close button or a click outside, sending HIDE_PERSONALIZE', () => {
    for (const closeIt of [
      (dialog: HTMLElement) => fireEvent.keyDown(dialog, { key: 'Escape' }),
      () => fireEvent.click(screen.getByRole('button', { name: 'Close' })),
      (dialog: HTMLElement) => fireEvent.click(dialog.parentElement!),
    ]) {
      const { dialog, onClose, userEvents } = openPanel();
      closeIt(dialog);
      expect(onClose).toHaveBeenCalledTimes(1);
      expect(userEvents().map((e) => e.event)).toEqual(['SHOW_PERSONALIZE', 'HIDE_PERSONALIZE']);
      cleanup();
    }
  });

  it('a click inside does not close it', () => {
    const { dialog, onClose } = openPanel();
    fireEvent.click(dialog);
    expect(onClose).not.toHaveBeenCalled();
  });

  it('keeps Tab and Shift+Tab inside', () => {
    const { dialog } = openPanel({ openOptionsPage: vi.fn() });
    const close = screen.getByRole('button', { name: 'Close' });
    const manage = screen.getByRole('button', { name: 'Manage more settings' });
    manage.focus();
    fireEvent.keyDown(dialog, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(manage);
  });

  it('"Manage more settings" opens the settings page', () => {
    const openOptionsPage = vi.fn();
    openPanel({ openOptionsPage });
    fireEvent.click(screen.getByRole('button', { name: 'Manage more settings' }));
    expect(openOptionsPage).toHaveBeenCalledTimes(1);
  });

  it('gives focus back to the opener when it goes', () => {
    const opener = document.createElement('button');
    document.body.append(opener);
    opener.focus();
    const { unmount } = openPanel();
    expect(document.activeElement).not.toBe(opener);
    unmount();
    expect(document.activeElement).toBe(opener);
    opener.remove();
  });
});
