// Checks messages from providers, one by one. A provider is a server we do
// not control: every field is rebuilt from what it sent, anything unknown is
// left out, and one bad message is dropped (and logged) without touching the
// others. Surface contents are checked to the letter, since pages render them.
import type {
  InfoBarContent,
  MessageButton,
  MessageButtonAction,
  MessageTemplate,
  RouterMessage,
  SnippetContent,
  SpotlightContent,
  CfrContent,
  ToolbarBadgeContent,
  UpdateActionContent,
  WhatsNewContent,
} from '../../common/messaging/types';
import { validateMultistageContent } from '../../common/onboarding/screens';
import { isWebUrl } from '../../common/urls';
import { TRIGGER_IDS, type TriggerId } from './triggers';

export const MESSAGE_TEMPLATES: readonly MessageTemplate[] = [
  'simple_snippet',
  'infobar',
  'spotlight',
  'cfr_doorhanger',
  'cfr_urlbar_chiclet',
  'toolbar_badge',
  'whatsnew_panel_message',
  'update_action',
  'save_to_pocket',
  'multistage',
];

/** Sections of our settings page a button may open (their headings' ids without `-heading`). */
export const PREF_SECTIONS = ['content', 'sources', 'telemetry'] as const;

export const LIMITS = {
  /** Messages kept per provider; the rest are dropped with one log line. */
  messagesPerProvider: 1000,
  /** A message, as JSON. */
  messageChars: 20_000,
  /** Objects and arrays inside one message. */
  depth: 8,
  id: 100,
  text: 500,
  title: 120,
  body: 1000,
  label: 60,
  targeting: 2000,
  patterns: 50,
  pattern: 200,
  caps: 10,
} as const;

const ID = /^[A-Za-z0-9_.:-]+$/;
const LOGGED_DROPS = 20;

class Invalid extends Error {}

function fail(why: string): never {
  throw new Invalid(why);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`${field} must be a non-empty string`);
  if (value.length > max) fail(`${field} is longer than ${max}`);
  return value;
}

function optional<T>(value: unknown, check: (v: unknown) => T): T | undefined {
  return value === undefined ? undefined : check(value);
}

function identifier(value: unknown, field: string): string {
  const s = str(value, field, LIMITS.id);
  if (!ID.test(s)) fail(`${field} has characters outside [A-Za-z0-9_.:-]`);
  return s;
}

function positiveInt(value: unknown, field: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1) fail(`${field} must be a positive integer`);
  return value as number;
}

/** Images: https, or a file of this extension given as a relative path. */
function imageUrl(value: unknown, field: string): string {
  const s = str(value, field, 2048);
  if (/^https:\/\//i.test(s)) {
    if (!isWebUrl(s)) fail(`${field} is not a URL`);
    return s;
  }
  if (/^[a-z0-9_-]+(\/[a-z0-9_.-]+)*\.(svg|png|webp|jpg)$/i.test(s) && !s.includes('..')) return s;
  return fail(`${field} must be https or a path inside the extension`);
}

/** `forCfr`: a CFR's button may also pin the tab it was shown on. */
function buttonAction(value: unknown, field: string, forCfr = false): MessageButtonAction {
  if (!isRecord(value)) fail(`${field} must be an object`);
  const data = value.data;
  switch (value.type) {
    case 'OPEN_URL': {
      const url = isRecord(data) ? data.url : undefined;
      if (!isWebUrl(url)) fail(`${field} OPEN_URL needs an http(s) url`);
      return { type: 'OPEN_URL', data: { url } };
    }
    case 'OPEN_PREF_SECTION': {
      const section = isRecord(data) ? data.section : undefined;
      if (!(PREF_SECTIONS as readonly unknown[]).includes(section)) fail(`${field} OPEN_PREF_SECTION needs one of ${PREF_SECTIONS.join(', ')}`);
      return { type: 'OPEN_PREF_SECTION', data: { section: section as string } };
    }
    case 'PIN_CURRENT_TAB':
      if (!forCfr) fail(`${field} PIN_CURRENT_TAB is for CFR only`);
      return { type: value.type };
    case 'OPEN_SETTINGS':
    case 'BLOCK':
    case 'DISMISS':
      return { type: value.type };
    default:
      return fail(`${field} has an action that is not allowed: ${JSON.stringify(String(value.type)).slice(0, 40)}`);
  }
}

function button(value: unknown, field: string, forCfr = false): MessageButton {
  if (!isRecord(value)) fail(`${field} must be an object`);
  return { label: str(value.label, `${field}.label`, LIMITS.label), action: buttonAction(value.action, `${field}.action`, forCfr) };
}

function snippetContent(c: Record<string, unknown>): SnippetContent {
  const icon = optional(c.icon, (v) => imageUrl(v, 'content.icon'));
  const alt = optional(c.icon_alt_text, (v) => str(v, 'content.icon_alt_text', LIMITS.label));
  const btn = optional(c.button, (v) => button(v, 'content.button'));
  return {
    text: str(c.text, 'content.text', LIMITS.text),
    ...(icon === undefined ? {} : { icon }),
    ...(alt === undefined ? {} : { icon_alt_text: alt }),
    ...(btn === undefined ? {} : { button: btn }),
  };
}

function infoBarContent(c: Record<string, unknown>): InfoBarContent {
  const secondary = optional(c.secondary, (v) => button(v, 'content.secondary'));
  return {
    text: str(c.text, 'content.text', LIMITS.text),
    primary: button(c.primary, 'content.primary'),
    ...(secondary === undefined ? {} : { secondary }),
  };
}

function spotlightContent(c: Record<string, unknown>): SpotlightContent {
  const logo = optional(c.logo, (v) => imageUrl(v, 'content.logo'));
  const secondary = optional(c.secondary, (v) => button(v, 'content.secondary'));
  return {
    title: str(c.title, 'content.title', LIMITS.title),
    body: str(c.body, 'content.body', LIMITS.body),
    ...(logo === undefined ? {} : { logo }),
    primary: button(c.primary, 'content.primary'),
    ...(secondary === undefined ? {} : { secondary }),
  };
}

function toolbarBadgeContent(c: Record<string, unknown>): ToolbarBadgeContent {
  const text = optional(c.text, (v) => str(v, 'content.text', 4));
  const color = optional(c.color, (v) => {
    if (typeof v !== 'string' || !/^#[0-9a-f]{6}$/i.test(v)) fail('content.color must be #rrggbb');
    return v;
  });
  return { ...(text === undefined ? {} : { text }), ...(color === undefined ? {} : { color }) };
}

function whatsNewContent(c: Record<string, unknown>): WhatsNewContent {
  if (!Number.isSafeInteger(c.published_date) || (c.published_date as number) < 0) fail('content.published_date must be ms since the epoch');
  const icon = optional(c.icon_url, (v) => imageUrl(v, 'content.icon_url'));
  const alt = optional(c.icon_alt, (v) => str(v, 'content.icon_alt', LIMITS.label));
  const linkText = optional(c.link_text, (v) => str(v, 'content.link_text', LIMITS.label));
  const url = optional(c.cta_url, (v) => {
    if (!isWebUrl(v)) fail('content.cta_url must be an http(s) URL');
    return v;
  });
  if ((linkText === undefined) !== (url === undefined)) fail('content.link_text and content.cta_url go together');
  return {
    title: str(c.title, 'content.title', LIMITS.title),
    body: str(c.body, 'content.body', LIMITS.body),
    published_date: c.published_date as number,
    ...(icon === undefined ? {} : { icon_url: icon }),
    ...(alt === undefined ? {} : { icon_alt: alt }),
    ...(linkText === undefined ? {} : { link_text: linkText }),
    ...(url === undefined ? {} : { cta_url: url }),
  };
}

function cfrContent(c: Record<string, unknown>): CfrContent {
  if (c.category !== 'cfrAddons' && c.category !== 'cfrFeatures') fail('content.category must be cfrAddons or cfrFeatures');
  const notification = optional(c.notification_text, (v) => str(v, 'content.notification_text', LIMITS.label));
  const icon = optional(c.icon, (v) => imageUrl(v, 'content.icon'));
  const alt = optional(c.icon_alt, (v) => str(v, 'content.icon_alt', LIMITS.label));
  const learnMore = optional(c.learn_more, (v) => {
    if (!isWebUrl(v)) fail('content.learn_more must be an http(s) URL');
    return v;
  });
  const addon = optional(c.addon, (v) => {
    if (!isRecord(v)) fail('content.addon must be an object');
    const author = optional(v.author, (a) => str(a, 'content.addon.author', LIMITS.label));
    return { title: str(v.title, 'content.addon.title', LIMITS.title), ...(author === undefined ? {} : { author }) };
  });
  const primary = button(c.primary, 'content.primary', true);
  // A doorhanger only offers what it can do from the browser's UI: not BLOCK/DISMISS (its own controls).
  if (primary.action.type === 'BLOCK' || primary.action.type === 'DISMISS') fail('content.primary must do something');
  return {
    category: c.category,
    heading_text: str(c.heading_text, 'content.heading_text', LIMITS.title),
    text: str(c.text, 'content.text', LIMITS.body),
    rationale: str(c.rationale, 'content.rationale', LIMITS.text),
    ...(notification === undefined ? {} : { notification_text: notification }),
    ...(icon === undefined ? {} : { icon }),
    ...(alt === undefined ? {} : { icon_alt: alt }),
    ...(learnMore === undefined ? {} : { learn_more: learnMore }),
    ...(addon === undefined ? {} : { addon }),
    primary,
  };
}

function updateActionContent(c: Record<string, unknown>): UpdateActionContent {
  const action = c.action;
  if (!isRecord(action) || action.id !== 'moments-wnp' || !isRecord(action.data)) fail('content.action must be { id: "moments-wnp", data }');
  const url = action.data.url;
  if (!isWebUrl(url)) fail('content.action.data.url must be an http(s) URL');
  const expireDelta = optional(action.data.expireDelta, (v) => positiveInt(v, 'content.action.data.expireDelta'));
  return { action: { id: 'moments-wnp', data: { url, ...(expireDelta === undefined ? {} : { expireDelta }) } } };
}

function content(template: MessageTemplate, c: unknown): RouterMessage['content'] {
  if (!isRecord(c)) fail('content must be an object');
  switch (template) {
    case 'simple_snippet':
      return snippetContent(c);
    case 'infobar':
      return infoBarContent(c);
    case 'spotlight':
      return spotlightContent(c);
    case 'toolbar_badge':
      return toolbarBadgeContent(c);
    case 'whatsnew_panel_message':
      return whatsNewContent(c);
    case 'cfr_doorhanger':
      return cfrContent(c);
    case 'update_action':
      return updateActionContent(c);
    case 'multistage':
      try {
        return validateMultistageContent(c);
      } catch (error) {
        return fail((error as Error).message);
      }
    default:
      // Surfaces of later issues check their own content; it is kept as data (size and depth already bounded).
      return structuredClone(c);
  }
}

function trigger(value: unknown): RouterMessage['trigger'] {
  if (!isRecord(value)) fail('trigger must be an object');
  if (!(TRIGGER_IDS as readonly unknown[]).includes(value.id)) fail(`unknown trigger ${JSON.stringify(String(value.id)).slice(0, 40)}`);
  const list = (v: unknown, field: string) => {
    if (!Array.isArray(v) || v.length > LIMITS.patterns) fail(`trigger.${field} must be a list of at most ${LIMITS.patterns}`);
    return v.map((p, i) => str(p, `trigger.${field}[${i}]`, LIMITS.pattern));
  };
  const params = optional(value.params, (v) => list(v, 'params'));
  const patterns = optional(value.patterns, (v) => list(v, 'patterns'));
  return { id: value.id as TriggerId, ...(params ? { params } : {}), ...(patterns ? { patterns } : {}) };
}

function frequency(value: unknown): RouterMessage['frequency'] {
  if (!isRecord(value)) fail('frequency must be an object');
  const lifetime = optional(value.lifetime, (v) => positiveInt(v, 'frequency.lifetime'));
  const custom = optional(value.custom, (v) => {
    if (!Array.isArray(v) || v.length > LIMITS.caps) fail(`frequency.custom must be a list of at most ${LIMITS.caps}`);
    return v.map((cap, i) => {
      if (!isRecord(cap)) fail(`frequency.custom[${i}] must be an object`);
      return { period: positiveInt(cap.period, `frequency.custom[${i}].period`), cap: positiveInt(cap.cap, `frequency.custom[${i}].cap`) };
    });
  });
  return { ...(lifetime === undefined ? {} : { lifetime }), ...(custom === undefined ? {} : { custom }) };
}

/** Depth of nested objects and arrays, stopping as soon as it passes `max`. */
function tooDeep(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The message rebuilt from the record, or why it is refused. */
export function validateMessage(raw: unknown, provider: string): { message: RouterMessage } | { error: string } {
  try {
    if (!isRecord(raw)) fail('not an object');
    if (tooDeep(raw, LIMITS.depth)) fail(`nested deeper than ${LIMITS.depth}`);
    if (JSON.stringify(raw).length > LIMITS.messageChars) fail(`larger than ${LIMITS.messageChars} characters`);
    const id = identifier(raw.id, 'id');
    if (!(MESSAGE_TEMPLATES as readonly unknown[]).includes(raw.template)) fail(`unknown template`);
    const template = raw.template as MessageTemplate;
    const targeting = optional(raw.targeting, (v) => str(v, 'targeting', LIMITS.targeting));
    const freq = optional(raw.frequency, frequency);
    const priority = optional(raw.priority, (v) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) fail('priority must be a number');
      return v;
    });
    const groups = optional(raw.groups, (v) => {
      if (!Array.isArray(v) || v.length > 10) fail('groups must be a list of at most 10');
      return v.map((g, i) => identifier(g, `groups[${i}]`));
    });
    const bucketId = optional(raw.bucket_id, (v) => identifier(v, 'bucket_id'));
    const modelVersion = optional(raw.personalizedModelVersion, (v) => identifier(v, 'personalizedModelVersion'));
    const message: RouterMessage = {
      id,
      template,
      content: content(template, raw.content),
      trigger: trigger(raw.trigger),
      groups: groups ?? [],
      provider,
      ...(targeting === undefined ? {} : { targeting }),
      ...(freq === undefined ? {} : { frequency: freq }),
      ...(priority === undefined ? {} : { priority }),
      ...(bucketId === undefined ? {} : { bucket_id: bucketId }),
      ...(modelVersion === undefined ? {} : { personalizedModelVersion: modelVersion }),
    };
    return { message };
  } catch (error) {
    if (error instanceof Invalid) return { error: error.message };
    return { error: 'unreadable' };
  }
}

/** Keeps the valid messages (first of each id, up to the per-provider limit); logs each one dropped. */
export function validateMessages(records: unknown, provider: string, log: Pick<Console, 'warn'> = console): RouterMessage[] {
  if (!Array.isArray(records)) {
    log.warn(`Messaging: provider ${provider} sent no list of messages`);
    return [];
  }
  const kept: RouterMessage[] = [];
  const seen = new Set<string>();
  let dropped = 0;
  const drop = (index: number, why: string) => {
    // A hostile list of thousands must not flood the console: the first few, then a count.
    if (++dropped <= LOGGED_DROPS) log.warn(`Messaging: dropped message #${index} from ${provider}: ${why}`);
  };
  for (const [index, raw] of records.entries()) {
    if (kept.length >= LIMITS.messagesPerProvider) {
      log.warn(`Messaging: provider ${provider} sent ${records.length} messages; only the first ${LIMITS.messagesPerProvider} valid ones are kept`);
      break;
    }
    const result = validateMessage(raw, provider);
    if ('error' in result) drop(index, result.error);
    else if (seen.has(result.message.id)) drop(index, `duplicate id ${result.message.id}`);
    else {
      seen.add(result.message.id);
      kept.push(result.message);
    }
  }
  if (dropped > LOGGED_DROPS) log.warn(`Messaging: dropped ${dropped} messages from ${provider} in all`);
  return kept;
}
