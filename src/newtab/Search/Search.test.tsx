// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SEARCH_TEXT_LENGTH } from '../../common/search';
import { renderForTest } from '../../test-support/renderForTest';
import { Search } from './Search';

afterEach(cleanup);

function pasteEvent(text: string) {
  return { clipboardData: { getData: (type: string) => (type === 'text/plain' ? text : '') } };
}

describe('Search', () => {
  it('is a labelled search box that sends SEARCH, and the text only to the background', () => {
    const page = renderForTest(<Search />);
    const box = screen.getByRole('searchbox', { name: 'Search the web' });
    fireEvent.change(box, { target: { value: '  privacy tools  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Search' }));
    expect(page.userEvents()).toEqual([{ event: 'SEARCH' }]);
    expect(page.sentOfType('SEARCH_QUERY').map((a) => a.data)).toEqual([{ text: 'privacy tools' }]);
    // The user event goes first: the search navigates the tab away.
    expect(page.sent.map((a) => a.type).filter((t) => t !== 'SET_PREF')).toEqual(['TELEMETRY_USER_EVENT', 'SEARCH_QUERY']);
    expect(JSON.stringify(page.userEvents())).not.toContain('privacy');
  });

  it('submits with Enter and ignores empty text', () => {
    const page = renderForTest(<Search />);
    const box = screen.getByRole('searchbox');
    fireEvent.submit(box.closest('form')!);
    expect(page.sent.filter((a) => a.type !== 'SET_PREF')).toEqual([]);
    fireEvent.change(box, { target: { value: 'cats' } });
    fireEvent.submit(box.closest('form')!);
    expect(page.sentOfType('SEARCH_QUERY')).toHaveLength(1);
    expect(box).toHaveProperty('maxLength', MAX_SEARCH_TEXT_LENGTH);
  });

  describe('handoff mode', () => {
    it('is a button that collects typed text and hands it off on Enter', () => {
      const page = renderForTest(<Search />, { prefs: { 'improvesearch.handoffToAwesomebar': true } });
      const button = screen.getByRole('button', { name: 'Search the web' });
      expect(button.textContent).toContain('Search or enter address');
      for (const key of ['c', 'a', 't', 'x']) fireEvent.keyDown(button, { key });
      fireEvent.keyDown(button, { key: 'Backspace' });
      fireEvent.keyDown(button, { key: ' ' });
      fireEvent.keyDown(button, { key: 's' });
      expect(button.textContent).toContain('cat s');
      fireEvent.keyDown(button, { key: 'Enter' });
      expect(page.userEvents()).toEqual([{ event: 'SEARCH_HANDOFF' }]);
      expect(page.sentOfType('HANDOFF_SEARCH_TO_AWESOMEBAR').map((a) => a.data)).toEqual([{ text: 'cat s' }]);
      expect(button.textContent).toContain('Search or enter address');
    });

    it('hands pasted text off at once, after what was typed, only while focused', () => {
      const page = renderForTest(<Search />, { prefs: { 'improvesearch.handoffToAwesomebar': true } });
      const button = screen.getByRole('button', { name: 'Search the web' });
      // Not focused: a paste elsewhere on the page is not for the box.
      fireEvent.paste(document.body, pasteEvent('stray'));
      button.focus();
      fireEvent.keyDown(button, { key: 'a' });
      fireEvent.paste(button, pasteEvent('bc example'));
      expect(page.sentOfType('HANDOFF_SEARCH_TO_AWESOMEBAR').map((a) => a.data)).toEqual([{ text: 'abc example' }]);
      expect(page.userEvents()).toEqual([{ event: 'SEARCH_HANDOFF' }]);
    });

    it('leaves shortcuts alone and sends nothing for empty text', () => {
      const page = renderForTest(<Search />, { prefs: { 'improvesearch.handoffToAwesomebar': true } });
      const button = screen.getByRole('button', { name: 'Search the web' });
      button.focus();
      fireEvent.keyDown(button, { key: 'l', ctrlKey: true });
      fireEvent.keyDown(button, { key: 'Enter' });
      fireEvent.paste(button, pasteEvent('   '));
      expect(page.userEvents()).toEqual([]);
      expect(button.textContent).toContain('Search or enter address');
    });
  });

  it('speaks Arabic', () => {
    renderForTest(<Search />, { locale: 'ar' });
    expect(screen.getByRole('searchbox', { name: 'ابحث في الوب' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'ابحث' })).toBeTruthy();
  });
});
