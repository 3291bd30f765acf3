// Message groups: each carries its own frequency caps and the user prefs that
// must be on for its messages to show (Firefox's message groups). The CFR
// groups follow the `asrouter.userprefs.cfr.*` prefs (user_prefs bits 64 and
// 128); snippets follow the "Snippets" switch (bit 16) and every snippet is in
// that group whether it lists it or not.
import type { MessageTemplate, RouterMessage } from '../../common/messaging/types';
import type { PrefName, PrefValues } from '../../common/prefs';
import type { Frequency } from './frequency';

export interface MessageGroup {
  id: string;
  /** Prefs that must all be on. */
  userPreferences: PrefName[];
  frequency?: Frequency;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const MESSAGE_GROUPS: readonly MessageGroup[] = [
  { id: 'cfr-addons', userPreferences: ['asrouter.userprefs.cfr.addons'], frequency: { custom: [{ period: DAY_MS, cap: 1 }] } },
  { id: 'cfr-features', userPreferences: ['asrouter.userprefs.cfr.features'], frequency: { custom: [{ period: DAY_MS, cap: 1 }] } },
  { id: 'snippets', userPreferences: ['feeds.snippets'] },
];

const TEMPLATE_GROUPS: Partial<Record<MessageTemplate, string>> = { simple_snippet: 'snippets' };
/** A CFR is in the group of its category, so the cfr.addons or cfr.features pref turns it off. */
const CFR_CATEGORY_GROUPS: Record<string, string> = { cfrAddons: 'cfr-addons', cfrFeatures: 'cfr-features' };

/** The message's groups plus the one its template (or a CFR's category) implies. */
export function groupsOf(message: Pick<RouterMessage, 'groups' | 'template' | 'content'>): string[] {
  const category = message.template === 'cfr_doorhanger' ? (message.content as { category?: string }).category : undefined;
  const implied = category ? CFR_CATEGORY_GROUPS[category] : TEMPLATE_GROUPS[message.template];
  return implied && !message.groups.includes(implied) ? [...message.groups, implied] : message.groups;
}

export function groupById(id: string): MessageGroup | undefined {
  return MESSAGE_GROUPS.find((g) => g.id === id);
}

export function isGroupEnabled(group: MessageGroup, prefs: PrefValues): boolean {
  return group.userPreferences.every((name) => prefs[name] === true);
}
