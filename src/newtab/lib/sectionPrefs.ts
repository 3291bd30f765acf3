// The content sections a user can switch on and off, shared by the
// personalize panel and the settings page, with the source each PREF_CHANGED
// event carries (the seed's names).
import { ac, type Action } from '../../common/actions';
import type { PrefName, PrefValues } from '../../common/prefs';
import { SPONSORED_CONTENT_AVAILABLE } from '../../common/sponsored';
import type { PrefMenuSource, UserEventSource } from '../../common/pings/types';

export interface SectionToggle {
  pref: PrefName;
  /** Locale key of the label. */
  label: string;
  source: UserEventSource;
  /** A sponsored sub-option only matters while its section is on. */
  parent?: PrefName;
  /** Sponsored: shown only when the build has sponsored content, and only switchable while "Sponsored content" is on. */
  sponsored?: true;
}

const ALL_TOGGLES: readonly SectionToggle[] = [
  { pref: 'feeds.topsites', label: 'prefTopSites', source: 'TOP_SITES' },
  { pref: 'feeds.section.topstories', label: 'prefTopStories', source: 'TOP_STORIES' },
  { pref: 'discoverystream.sections.enabled', label: 'prefTopicSections', source: 'TOPIC_SECTION', parent: 'feeds.section.topstories' },
  { pref: 'feeds.section.highlights', label: 'prefHighlights', source: 'HIGHLIGHTS' },
  { pref: 'feeds.snippets', label: 'prefSnippets', source: 'SNIPPETS' },
  // The one switch for all sponsored content, with the two detailed ones under it.
  { pref: 'showSponsoredCheckboxes', label: 'prefSponsoredContent', source: 'SPONSORED_CONTENT', sponsored: true },
  { pref: 'showSponsoredTopSites', label: 'prefSponsoredTopSites', source: 'SPONSORED_TOP_SITES', parent: 'feeds.topsites', sponsored: true },
  { pref: 'showSponsored', label: 'prefSponsoredStories', source: 'POCKET_SPOCS', parent: 'feeds.section.topstories', sponsored: true },
];

/** The toggles this build shows (Firefox shows the sponsored ones only where sponsored content is available). */
export function sectionToggles(sponsoredAvailable: boolean = SPONSORED_CONTENT_AVAILABLE): readonly SectionToggle[] {
  return sponsoredAvailable ? ALL_TOGGLES : ALL_TOGGLES.filter((t) => !t.sponsored);
}

export const SECTION_TOGGLES = sectionToggles();

/** A sub-option is greyed out while its section, or (for a sponsored one) "Sponsored content", is off. */
export function toggleDisabled(toggle: SectionToggle, prefs: PrefValues): boolean {
  if (toggle.parent && !prefs[toggle.parent]) return true;
  return Boolean(toggle.sponsored && toggle.pref !== 'showSponsoredCheckboxes' && !prefs.showSponsoredCheckboxes);
}

/** Indented under a switch: a section's sub-option, or a detailed sponsored switch. */
export const isSubToggle = (toggle: SectionToggle) => Boolean(toggle.parent);

/** Sets the pref and says so: PREF_CHANGED with {status, menu_source}. */
export function sectionToggled({ pref, source }: SectionToggle, status: boolean, menuSource: PrefMenuSource): Action[] {
  return [
    ac.SetPref(pref, status),
    ac.UserEvent({ event: 'PREF_CHANGED', source, value: { status, menu_source: menuSource } }),
  ];
}
