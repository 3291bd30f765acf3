// The content sections a user can switch on and off, shared by the
// personalize panel and the settings page, with the source each PREF_CHANGED
// event carries (the seed's names).
import { ac, type Action } from '../../common/actions';
import type { PrefName } from '../../common/prefs';
import type { PrefMenuSource, UserEventSource } from '../../common/pings/types';

export interface SectionToggle {
  pref: PrefName;
  /** Locale key of the label. */
  label: string;
  source: UserEventSource;
  /** A sponsored sub-option only matters while its section is on. */
  parent?: PrefName;
}

export const SECTION_TOGGLES: readonly SectionToggle[] = [
  { pref: 'feeds.topsites', label: 'prefTopSites', source: 'TOP_SITES' },
  { pref: 'showSponsoredTopSites', label: 'prefSponsoredTopSites', source: 'SPONSORED_TOP_SITES', parent: 'feeds.topsites' },
  { pref: 'feeds.section.topstories', label: 'prefTopStories', source: 'TOP_STORIES' },
  { pref: 'showSponsored', label: 'prefSponsoredStories', source: 'POCKET_SPOCS', parent: 'feeds.section.topstories' },
  { pref: 'discoverystream.sections.enabled', label: 'prefTopicSections', source: 'TOPIC_SECTION', parent: 'feeds.section.topstories' },
  { pref: 'feeds.section.highlights', label: 'prefHighlights', source: 'HIGHLIGHTS' },
  { pref: 'feeds.snippets', label: 'prefSnippets', source: 'SNIPPETS' },
];

/** Sets the pref and says so: PREF_CHANGED with {status, menu_source}. */
export function sectionToggled({ pref, source }: SectionToggle, status: boolean, menuSource: PrefMenuSource): Action[] {
  return [
    ac.SetPref(pref, status),
    ac.UserEvent({ event: 'PREF_CHANGED', source, value: { status, menu_source: menuSource } }),
  ];
}
