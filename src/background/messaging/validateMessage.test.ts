import { describe, expect, it } from 'vitest';
import type { SurfaceMessage } from '../../common/messaging/types';
import { hostileMessages, SAMPLE_COLLECTIONS, SAMPLE_MESSAGES } from '../../../scripts/sampleMessages.mjs';
import { toSurfaceMessage } from './MessagingRouterFeed';
import { LIMITS, validateMessage, validateMessages } from './validateMessage';

const quiet = { warn: () => {} };
const snippet = SAMPLE_MESSAGES[2]!;

function refused(patch: Record<string, unknown>): string {
  const result = validateMessage({ ...snippet, ...patch }, 'p');
  expect(result).toHaveProperty('error');
  return (result as { error: string }).error;
}

/** Every string a page could render or follow, with where it is. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

describe('validateMessage', () => {
  it('keeps every sample message, rebuilt with its provider', () => {
    for (const [id, records] of Object.entries(SAMPLE_COLLECTIONS)) {
      if (id === 'hostile') continue;
      expect(validateMessages(records, 'remote', quiet)).toHaveLength(new Set(records.map((r) => (r as { id: string }).id)).size);
    }
    const result = validateMessage(snippet, 'remote');
    expect(result).toMatchObject({ message: { id: snippet.id, provider: 'remote', groups: [], trigger: { id: 'newtabMessageCheck' } } });
  });

  it('keeps a multistage message with known screens only', () => {
    const welcome = { id: 'W', template: 'multistage', trigger: { id: 'firstRun' }, content: { screens: [{ id: 'SITES', title: 'Sites' }] } };
    expect(validateMessage(welcome, 'p')).toMatchObject({ message: { content: { screens: [{ id: 'SITES', title: 'Sites' }] } } });
    expect(validateMessage({ ...welcome, content: { screens: [{ id: 'AW_SET_DEFAULT' }] } }, 'p')).toEqual({
      error: 'content.screens[0].id must be one of AW_GET_STARTED, SITES, AW_IMPORT_SETTINGS, AW_CHOOSE_THEME',
    });
  });

  it('leaves out fields it does not know', () => {
    const result = validateMessage({ ...snippet, evil: 1, content: { ...(snippet.content as object), onclick: 'x' } }, 'p');
    expect(JSON.stringify(result)).not.toMatch(/evil|onclick/);
  });

  it.each([
    ['wrong template', { template: 'raw_html' }, /unknown template/],
    ['missing content', { content: undefined }, /content/],
    ['text of the wrong type', { content: { text: 5 } }, /content.text/],
    ['a javascript: button', { content: { text: 'x', button: { label: 'x', action: { type: 'OPEN_URL', data: { url: 'javascript:alert(1)' } } } } }, /OPEN_URL/],
    ['an action not allowed', { content: { text: 'x', button: { label: 'x', action: { type: 'INSTALL_ADDON' } } } }, /not allowed/],
    ['an unknown pref section', { content: { text: 'x', button: { label: 'x', action: { type: 'OPEN_PREF_SECTION', data: { section: 'x' } } } } }, /OPEN_PREF_SECTION/],
    ['an http icon', { content: { text: 'x', icon: 'http://example.com/a.png' } }, /icon/],
    ['a path climbing out', { content: { text: 'x', icon: '../secrets.png' } }, /icon/],
    ['a string priority', { priority: '3' }, /priority/],
    ['an unknown trigger', { trigger: { id: 'whenever' } }, /trigger/],
    ['a zero lifetime', { frequency: { lifetime: 0 } }, /lifetime/],
    ['an id with markup', { id: '<b>' }, /id/],
    ['long text', { content: { text: 'x'.repeat(LIMITS.text + 1) } }, /longer/],
  ])('refuses %s', (_name, patch, why) => {
    expect(refused(patch)).toMatch(why);
  });

  it('keeps the first of two messages with one id, and at most the per-provider limit', () => {
    const many = Array.from({ length: LIMITS.messagesPerProvider + 5 }, (_, i) => ({ ...snippet, id: `M${i}` }));
    expect(validateMessages([snippet, { ...snippet, priority: 99 }], 'p', quiet)).toEqual([expect.objectContaining({ priority: snippet.priority })]);
    expect(validateMessages(many, 'p', quiet)).toHaveLength(LIMITS.messagesPerProvider);
  });

  it('logs a hostile list of thousands in a few lines', () => {
    const lines: string[] = [];
    validateMessages(hostileMessages(), 'p', { warn: (l: string) => void lines.push(l) });
    expect(lines.length).toBeLessThanOrEqual(22);
    expect(lines.at(-1)).toMatch(/dropped \d+ messages/);
  });
});

describe('browser-surface contents', () => {
  const badge = { id: 'B', template: 'toolbar_badge', trigger: { id: 'toolbarBadgeUpdate' } };
  const whatsNew = {
    id: 'W',
    template: 'whatsnew_panel_message',
    trigger: { id: 'whatsNewPanelOpened' },
    content: { title: 'T', body: 'B', published_date: 1_700_000_000_000, icon_url: 'icons/icon-48.png', link_text: 'More', cta_url: 'https://example.org/' },
  };

  const cfr = {
    id: 'C',
    template: 'cfr_doorhanger',
    trigger: { id: 'openURL', params: ['example.org'] },
    content: { category: 'cfrFeatures', heading_text: 'H', text: 'T', rationale: 'R', primary: { label: 'Pin', action: { type: 'PIN_CURRENT_TAB' } } },
  };

  it('keeps a CFR, which alone may pin the tab, and its model version', () => {
    expect(validateMessage({ ...cfr, personalizedModelVersion: 'model_7' }, 'p')).toEqual({
      message: expect.objectContaining({ content: cfr.content, personalizedModelVersion: 'model_7' }),
    });
    const pinningSnippet = { ...snippet, content: { text: 'x', button: { label: 'Pin', action: { type: 'PIN_CURRENT_TAB' } } } };
    expect((validateMessage(pinningSnippet, 'p') as { error: string }).error).toMatch(/CFR only/);
  });

  it('keeps a badge\'s text and colour and a what\'s-new entry\'s fields, and nothing else', () => {
    expect(validateMessage({ ...badge, content: { text: 'NEW', color: '#00aa00', onclick: 'x' } }, 'p')).toMatchObject({ message: { content: { text: 'NEW', color: '#00aa00' } } });
    expect(validateMessage({ ...whatsNew, content: { ...whatsNew.content, html: '<b>' } }, 'p')).toEqual({ message: expect.objectContaining({ content: whatsNew.content }) });
  });

  it.each([
    ['a long badge', { ...badge, content: { text: 'TOO LONG' } }, /content.text/],
    ['a badge colour that is not #rrggbb', { ...badge, content: { color: 'red;x' } }, /color/],
    ['a what\'s-new link that is not http(s)', { ...whatsNew, content: { ...whatsNew.content, cta_url: 'javascript:1' } }, /cta_url/],
    ['a what\'s-new link without its text', { ...whatsNew, content: { ...whatsNew.content, link_text: undefined } }, /together/],
    ['a moments page that is not http(s)', { id: 'M', template: 'update_action', trigger: { id: 'extensionUpdated' }, content: { action: { id: 'moments-wnp', data: { url: 'file:///etc/passwd' } } } }, /url/],
    ['an update action other than moments-wnp', { id: 'M', template: 'update_action', trigger: { id: 'extensionUpdated' }, content: { action: { id: 'reset' } } }, /moments-wnp/],
    ['a CFR without a category', { ...cfr, content: { ...cfr.content, category: 'ads' } }, /category/],
    ['a CFR whose primary only closes it', { ...cfr, content: { ...cfr.content, primary: { label: 'x', action: { type: 'DISMISS' } } } }, /primary/],
    ['a CFR without its rationale', { ...cfr, content: { ...cfr.content, rationale: undefined } }, /rationale/],
    ['a what\'s-new entry without a date', { ...whatsNew, content: { ...whatsNew.content, published_date: 'today' } }, /published_date/],
  ])('refuses %s', (_name, raw, why) => {
    const result = validateMessage(raw, 'p');
    expect((result as { error: string }).error).toMatch(why);
  });
});

describe('a hostile collection', () => {
  const kept = validateMessages(hostileMessages(), 'remote-messages', quiet);

  it('keeps the good messages and nothing else', () => {
    expect(kept.map((m) => m.id)).toEqual(['GOOD_SCRIPT_AS_TEXT', 'GOOD_AFTER_BAD']);
  });

  it('lets nothing unsafe reach a page: text stays text, links are http(s), images https or ours', () => {
    const surfaces: SurfaceMessage[] = kept.map(toSurfaceMessage);
    for (const [path, value] of surfaces.flatMap((s) => strings(s))) {
      if (/\.url$/.test(path)) expect(value).toMatch(/^https?:\/\//);
      if (/\.(icon|logo)$/.test(path)) expect(value).toMatch(/^(https:\/\/|[a-z0-9_-]+\/)/i);
      expect(value.length).toBeLessThanOrEqual(LIMITS.body);
      expect(value).not.toMatch(/^\s*(javascript|data|vbscript):/i);
    }
    expect(surfaces[0]!.content).toEqual({ text: '<script>alert(1)</script><img src=x onerror=alert(1)>' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
