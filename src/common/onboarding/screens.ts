// The welcome page's screens: a `multistage` message (Firefox's
// about:welcome flow) lists them in order. Each screen id names a job the
// page knows how to do; a message can reorder, drop or reword screens, never
// invent a job. Pings name a screen as `DEFAULT_ABOUTWELCOME_<id>` (the seed's
// message ids), whichever message supplied the flow: the ping's `experiments`
// says which branch did.
import type { OnboardingMessageId } from '../pings/types';

/** The screens a message may list. */
export const SCREEN_IDS = ['AW_GET_STARTED', 'SITES', 'AW_IMPORT_SETTINGS', 'AW_CHOOSE_THEME'] as const;
export type MessageScreenId = (typeof SCREEN_IDS)[number];
/** Return to AMO's screen: put first by the attribution (rtamo.ts), never by a message. */
export const RTAMO_SCREEN = 'RTAMO';
export type ScreenId = MessageScreenId | typeof RTAMO_SCREEN;

/** A message may reword a screen's title, subtitle and buttons; the locale's text is used otherwise. */
export interface WelcomeScreen {
  id: ScreenId;
  title?: string;
  subtitle?: string;
  primary_button?: { label: string };
  secondary_button?: { label: string };
}

export interface WelcomeFlow {
  /** The message that supplied the screens (DEFAULT_ABOUTWELCOME when none did). */
  id: string;
  screens: WelcomeScreen[];
  /** Return to AMO: the add-on the attribution names, shown first on its own screen (rtamo.ts). */
  addon?: { id: string; listingUrl: string };
}

export const DEFAULT_FLOW_ID = 'DEFAULT_ABOUTWELCOME';

export const DEFAULT_WELCOME_FLOW: WelcomeFlow = {
  id: DEFAULT_FLOW_ID,
  screens: [{ id: 'AW_GET_STARTED' }, { id: 'SITES' }, { id: 'AW_IMPORT_SETTINGS' }, { id: 'AW_CHOOSE_THEME' }],
};

/** The seed's message id of a screen's pings. */
export function screenMessageId(id: ScreenId): OnboardingMessageId {
  return id === RTAMO_SCREEN ? 'RTAMO_DEFAULT_WELCOME' : `DEFAULT_ABOUTWELCOME_${id}`;
}

export function isScreenId(value: unknown): value is ScreenId {
  return value === RTAMO_SCREEN || isMessageScreenId(value);
}

function isMessageScreenId(value: unknown): value is MessageScreenId {
  return (SCREEN_IDS as readonly unknown[]).includes(value);
}

const TEXT_LIMITS = { title: 120, subtitle: 500, label: 60 } as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, field: string, max: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new Error(`${field} must be a non-empty string of at most ${max} characters`);
  }
  return value;
}

function label(value: unknown, field: string): { label: string } {
  if (!isRecord(value)) throw new Error(`${field} must be an object`);
  return { label: text(value.label, `${field}.label`, TEXT_LIMITS.label) };
}

/**
 * A `multistage` message's content rebuilt field by field: known screen ids
 * only, each at most once, at least one; text only. Throws why it is refused.
 */
export function validateMultistageContent(content: Record<string, unknown>): { screens: WelcomeScreen[] } {
  const raw = content.screens;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > SCREEN_IDS.length) {
    throw new Error(`content.screens must list 1 to ${SCREEN_IDS.length} screens`);
  }
  const seen = new Set<ScreenId>();
  const screens = raw.map((s, i): WelcomeScreen => {
    const field = `content.screens[${i}]`;
    if (!isRecord(s) || !isMessageScreenId(s.id)) throw new Error(`${field}.id must be one of ${SCREEN_IDS.join(', ')}`);
    if (seen.has(s.id)) throw new Error(`${field}.id ${s.id} is listed twice`);
    seen.add(s.id);
    return {
      id: s.id,
      ...(s.title === undefined ? {} : { title: text(s.title, `${field}.title`, TEXT_LIMITS.title) }),
      ...(s.subtitle === undefined ? {} : { subtitle: text(s.subtitle, `${field}.subtitle`, TEXT_LIMITS.subtitle) }),
      ...(s.primary_button === undefined ? {} : { primary_button: label(s.primary_button, `${field}.primary_button`) }),
      ...(s.secondary_button === undefined ? {} : { secondary_button: label(s.secondary_button, `${field}.secondary_button`) }),
    };
  });
  return { screens };
}
