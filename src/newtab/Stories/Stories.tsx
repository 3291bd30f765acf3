// Recommended stories (Firefox's Discovery Stream card grid): cards with
// sponsored stories placed among them, "Load more", popular topics, the
// saved list and the privacy modal for spocs. The page places the spocs it
// was offered once per feed, so cards never move under the user, and reports
// that placement as a spoc fill. With no feed configured, or a configured
// one that failed with nothing cached, it says so instead of showing cards.
// IntersectionObserver and document are props (with the real ones as
// defaults) so tests can drive impressions.
import { useEffect, useRef, useState } from 'react';
import { ac } from '../../common/actions';
import { sponsoredStoriesOn } from '../../common/sponsored';
import type { DiscoveryStreamState } from '../../common/stories/reducer';
import { layoutCards, placeSpocs } from '../../common/stories/spocSelection';
import type { Card, Spoc } from '../../common/stories/types';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { CardImpressionTracker, type TrackedCard } from './CardImpressionTracker';
import type { VisibilityDocument } from '../lib/VisibleImpressions';
import { PopularTopics } from './PopularTopics';
import { PrivacyModal } from './PrivacyModal';
import { SavedStories } from './SavedStories';
import { StoryCard } from './StoryCard';
import { storyEvents, type StoryEventName } from './storyEvents';
import './Stories.css';

const PLACEHOLDER_CARDS = 4;

export interface StoriesProps {
  /** Where the privacy modal's link goes: the page explaining sponsored stories and data collection. */
  privacyPageUrl: string;
  /** Opens the settings, where the stories feed is set up; without it the "no source" notice has no button. */
  openOptionsPage?: () => void;
  IntersectionObserver?: typeof IntersectionObserver;
  document?: VisibilityDocument;
  /** Chance source for spoc placement. */
  random?: () => number;
}

export function Stories({
  privacyPageUrl,
  openOptionsPage,
  IntersectionObserver: Observer = globalThis.IntersectionObserver,
  document: doc = globalThis.document,
  random = Math.random,
}: StoriesProps) {
  const state = useAppSelector((s) => s.DiscoveryStream);
  const dispatch = useAppDispatch();
  // One tracker per page session: a card is reported once even if a new feed re-renders the grid.
  const [tracker] = useState(
    () => new CardImpressionTracker({ source: 'CARDGRID', dispatch, document: doc, IntersectionObserver: Observer }),
  );
  useEffect(() => {
    tracker.start();
    return () => tracker.stop();
  }, [tracker]);

  if (state.status === 'loading') {
    return (
      <div className="stories" aria-busy="true">
        <ul className="story-grid">
          {Array.from({ length: PLACEHOLDER_CARDS }, (_, i) => (
            <li key={i} className="story-card story-placeholder" aria-hidden="true" />
          ))}
        </ul>
      </div>
    );
  }
  if (state.source === 'none' || state.source === 'failed') {
    return <NoStories state={state} openOptionsPage={openOptionsPage} />;
  }
  // A newly loaded feed gets a fresh spoc placement; caps or blocks alone do not.
  return (
    <StoriesGrid key={state.fetchedAt} state={state} tracker={tracker} random={random} privacyPageUrl={privacyPageUrl} />
  );
}

/** No feed is set up, or the configured one failed with nothing cached: say so plainly. The saved list is the user's own and stays. */
function NoStories({ state, openOptionsPage }: { state: DiscoveryStreamState; openOptionsPage: (() => void) | undefined }) {
  const { t } = useI18n();
  const noSource = state.source === 'none';
  return (
    <div className="stories" data-feed-source={state.source}>
      <p className="stories-unavailable">{t(noSource ? 'storiesNoSource' : 'storiesLoadFailed')}</p>
      {noSource && openOptionsPage && (
        <button type="button" className="stories-set-up" onClick={openOptionsPage}>
          {t('storiesSetUpSource')}
        </button>
      )}
      <SavedStories saved={state.saved} />
    </div>
  );
}

interface StoriesGridProps {
  state: DiscoveryStreamState;
  tracker: CardImpressionTracker;
  random(): number;
  privacyPageUrl: string;
}

function StoriesGrid({ state, tracker, random, privacyPageUrl }: StoriesGridProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const showSponsored = useAppSelector((s) => sponsoredStoriesOn(s.Prefs.values));
  const canOpenPrivateWindow = useAppSelector((s) => s.Highlights.canOpenPrivateWindow);
  const [placement] = useState(() => placeSpocs(showSponsored ? state.spocs : [], state.settings, random));
  const [hidden, setHidden] = useState<ReadonlySet<number>>(() => new Set());
  const [expanded, setExpanded] = useState(false);
  const [privacyFor, setPrivacyFor] = useState<Spoc | null>(null);
  const elements = useRef(new Map<number, HTMLElement>());

  useEffect(() => {
    if (placement.fills.length) dispatch(ac.DiscoveryStreamSpocsFill({ spoc_fills: placement.fills }));
  }, [placement, dispatch]);

  const blockedFlights = new Set(state.blockedFlights);
  const placed = showSponsored
    ? placement.placed.filter(({ spoc }) => !blockedFlights.has(spoc.flightId) && !hidden.has(spoc.id))
    : [];
  const cards = layoutCards(state.stories.filter((s) => !hidden.has(s.id)), placed);
  const threshold = state.settings.loadMoreThreshold;
  const shown = expanded ? cards : cards.slice(0, threshold);
  const savedIds = new Set(state.saved.map((s) => s.id));

  useEffect(() => {
    const tracked = new Map<Element, TrackedCard>();
    for (const card of shown) {
      const element = elements.current.get(card.story.id);
      if (!element) continue;
      const { id } = card.story;
      const shim = card.type === 'spoc' ? card.story.shim.impression : undefined;
      tracked.set(element, {
        id,
        pos: card.pos,
        ...(shim ? { shim } : {}),
        ...(card.type === 'spoc' ? { flightId: card.story.flightId } : {}),
      });
    }
    tracker.setCards(tracked);
  });

  useEffect(() => {
    if (expanded) elements.current.get(cards[threshold]?.story.id ?? -1)?.querySelector('a')?.focus();
    // Only when "Load more" was just pressed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expanded]);

  const onEvent = (name: StoryEventName, card: Card) => {
    for (const a of storyEvents[name](card)) dispatch(a);
    if (name !== 'block') return;
    // The card goes at once; keep keyboard focus in the grid, on the next card.
    const next = cards[cards.indexOf(card) + 1] ?? cards[cards.indexOf(card) - 1];
    elements.current.get(next?.story.id ?? -1)?.querySelector('a')?.focus();
    setHidden((h) => new Set(h).add(card.story.id));
  };

  const onShowPrivacyInfo = (card: Card) => {
    onEvent('showPrivacyInfo', card);
    if (card.type === 'spoc') setPrivacyFor(card.story);
  };

  const loadMore = () => {
    dispatch(ac.UserEvent({ event: 'CLICK', source: 'DS_LOAD_MORE_BUTTON' }));
    setExpanded(true);
  };

  return (
    <div className="stories" data-feed-source={state.source}>
      {cards.length === 0 ? (
        <p className="stories-empty">{t('storiesEmpty')}</p>
      ) : (
        <ul className="story-grid">
          {shown.map((card) => (
            <StoryCard
              key={card.story.id}
              card={card}
              saved={savedIds.has(card.story.id)}
              canOpenPrivateWindow={canOpenPrivateWindow}
              elementRef={(element) => {
                if (element) elements.current.set(card.story.id, element);
                else elements.current.delete(card.story.id);
              }}
              onEvent={onEvent}
              onShowPrivacyInfo={onShowPrivacyInfo}
            />
          ))}
        </ul>
      )}
      {!expanded && cards.length > threshold && (
        <button type="button" className="stories-load-more" onClick={loadMore}>
          {t('storiesLoadMore')}
        </button>
      )}
      <SavedStories saved={state.saved} />
      <PopularTopics topics={state.topics} />
      {privacyFor && (
        <PrivacyModal sponsor={privacyFor.sponsor} privacyPageUrl={privacyPageUrl} onClose={() => setPrivacyFor(null)} />
      )}
    </div>
  );
}
