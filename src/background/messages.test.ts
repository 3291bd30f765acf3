import { describe, expect, it } from 'vitest';
import { MAX_SEARCH_TEXT_LENGTH } from '../common/search';
import { parsePageMessage } from './messages';

const ok = (type: string, data: unknown) => parsePageMessage({ type, data }).ok;

describe('page messages for search and places', () => {
  it('search text must be non-empty and capped', () => {
    for (const type of ['SEARCH_QUERY', 'HANDOFF_SEARCH_TO_AWESOMEBAR']) {
      expect(ok(type, { text: 'cats' }), type).toBe(true);
      expect(ok(type, { text: '   ' }), type).toBe(false);
      expect(ok(type, { text: 42 }), type).toBe(false);
      expect(ok(type, undefined), type).toBe(false);
      expect(ok(type, { text: 'x'.repeat(MAX_SEARCH_TEXT_LENGTH) }), type).toBe(true);
      expect(ok(type, { text: 'x'.repeat(MAX_SEARCH_TEXT_LENGTH + 1) }), type).toBe(false);
    }
  });

  it('only http(s) URLs can be opened, bookmarked or deleted', () => {
    for (const type of ['BOOKMARK_URL', 'DELETE_HISTORY_URL', 'OPEN_NEW_WINDOW', 'OPEN_PRIVATE_WINDOW']) {
      expect(ok(type, { url: 'https://example.org/' }), type).toBe(true);
      for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'moz-extension://x/y', 'about:config', 7]) {
        expect(ok(type, { url }), `${type} ${String(url)}`).toBe(false);
      }
    }
    expect(ok('BOOKMARK_URL', { url: 'https://example.org/', title: 'x'.repeat(1001) })).toBe(false);
  });

  it('the settings page names its opener by a page instance id, nothing else', () => {
    expect(ok('SETTINGS_OPENER', { instanceId: '11111111-1111-4111-8111-111111111111' })).toBe(true);
    for (const instanceId of ['', 'https://example.org/', 42, undefined]) expect(ok('SETTINGS_OPENER', { instanceId })).toBe(false);
  });

  it('a page may say it is still visible, with no data', () => {
    expect(ok('PAGE_VISIBLE_UNTIL_NOW', undefined)).toBe(true);
    expect(ok('PAGE_VISIBLE_UNTIL_NOW', 'x')).toBe(false);
  });

  it('a bookmark to remove needs an id', () => {
    expect(ok('DELETE_BOOKMARK_BY_ID', { bookmarkGuid: 'abc' })).toBe(true);
    expect(ok('DELETE_BOOKMARK_BY_ID', { bookmarkGuid: '' })).toBe(false);
    expect(ok('DELETE_BOOKMARK_BY_ID', {})).toBe(false);
  });

  it('pages cannot send the internal telemetry or highlights actions', () => {
    expect(ok('TELEMETRY_TAB_PINNED', { total_pinned_tabs: 1 })).toBe(false);
    expect(ok('TELEMETRY_PAGE_TAKEOVER', { value: {}, page: 'both' })).toBe(false);
    expect(ok('HIGHLIGHTS_UPDATE', { initialized: true, rows: [] })).toBe(false);
  });
});

describe('page messages of the widgets', () => {
  it('list and timer changes are checked; the widgets state and the timer end come only from the background', () => {
    expect(ok('WIDGETS_LISTS_CHANGE', { op: 'addItem', list: 'default', id: 'a1', text: 'milk' })).toBe(true);
    expect(ok('WIDGETS_LISTS_CHANGE', { op: 'addItem', list: 'default', id: 'a1', text: 'x'.repeat(201) })).toBe(false);
    expect(ok('WIDGETS_LISTS_CHANGE', { op: 'wipe' })).toBe(false);
    expect(ok('WIDGETS_TIMER_CHANGE', { op: 'setMode', mode: 'break' })).toBe(true);
    expect(ok('WIDGETS_TIMER_CHANGE', { op: 'setMode', mode: 'nap' })).toBe(false);
    expect(ok('WIDGETS_UPDATE', {})).toBe(false);
    expect(ok('WIDGETS_TIMER_ENDED', { mode: 'focus' })).toBe(false);
  });
});

describe('page messages of the welcome page', () => {
  it('name a known screen, and a primary or secondary button', () => {
    expect(ok('WELCOME_FLOW_REQUEST', undefined)).toBe(true);
    expect(ok('WELCOME_SCREEN_SHOWN', { screen: 'SITES' })).toBe(true);
    expect(ok('WELCOME_SCREEN_SHOWN', { screen: 'AW_SET_DEFAULT' })).toBe(false);
    expect(ok('WELCOME_BUTTON', { screen: 'SITES', source: 'secondary_button' })).toBe(true);
    expect(ok('WELCOME_BUTTON', { screen: 'SITES', source: 'ADD_EXTENSION_BUTTON' })).toBe(false);
    expect(ok('WELCOME_FLOW', { flow: { id: 'x', screens: [] } })).toBe(false);
  });
});
