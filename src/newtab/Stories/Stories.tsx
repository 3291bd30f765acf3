// Recommended stories (Firefox's Discovery Stream card grid): cards with
// sponsored stories placed among them, "Load more", popular topics, the
// saved list and the privacy modal for spocs. The page places the spocs it
// was offered once per feed, so cards never move under the user, and reports
// that placement as a spoc fill. With no feed configured, or a configured
// one that failed with nothing cached, it says so instead of showing cards.
// A feed with topic sections is shown as sections (followed ones first,
// blocked ones gone); cards take thumbs up / down and "Report", each
// confirmed by a short status message.
// IntersectionObserver and document are props (with the real ones as
// defaults) so tests can drive impressions.
import { useEffect, useRef, useState } from 'react';
import { ac } from '../../common/actions';
import { sponsoredStoriesOn } from '../../common/sponsored';
import type { DiscoveryStreamState } from '../../common/stories/reducer';
import type { ReportReason } from '../../common/pings/types';
import { groupCards, orderStories, withoutBlocked } from '../../common/stories/sectionLayout';
import { layoutCards, placeSpocs } from '../../common/stories/spocSelection';
import { orderSections } from '../../common/stories/topics';
import type { Card, FeedSection, Spoc } from '../../common/stories/types';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { CardImpressionTracker, type TrackedCard } from './CardImpressionTracker';
import type { VisibilityDocument } from '../lib/VisibleImpressions';
import { PopularTopics } from './PopularTopics';
import { PrivacyModal } from './PrivacyModal';
import { SavedStories } from './SavedStories';
import { StoryCard } from './StoryCard';
import { ReportDialog } from './ReportDialog';
import { reportEvents, storyEvents, type StoryEventName } from './storyEvents';
import { topicEvents } from './topicEvents';
import { TopicSection } from './TopicSection';
import './Stories.css';

const PLACEHOLDER_CARDS = 4;
/** How long a feedback confirmation stays on screen. */
export const TOAST_MS = 5000;
/** Events after which the card is gone from the page. */
const HIDING: ReadonlySet<StoryEventName> = new Set(['block', 'thumbsDown']);

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
  const topics = useAppSelector((s) => s.Topics);
  const [placement] = useState(() => placeSpocs(showSponsored ? state.spocs : [], state.settings, random));
  const [hidden, setHidden] = useState<ReadonlySet<number>>(() => new Set());
  const [expanded, setExpanded] = useState(false);
  const [privacyFor, setPrivacyFor] = useState<Spoc | null>(null);
  const [reporting, setReporting] = useState<Card | null>(null);
  const [blocking, setBlocking] = useState<FeedSection | null>(null);
  const toast = useToast();
  const elements = useRef(new Map<number, HTMLElement>());
  const headings = useRef(new Map<string, HTMLElement>());
  const focusAfterBlock = useRef<string | null>(null);

  useEffect(() => {
    if (placement.fills.length) dispatch(ac.DiscoveryStreamSpocsFill({ spoc_fills: placement.fills }));
  }, [placement, dispatch]);

  const blockedFlights = new Set(state.blockedFlights);
  const placed = showSponsored
    ? placement.placed.filter(({ spoc }) => !blockedFlights.has(spoc.flightId) && !hidden.has(spoc.id))
    : [];
  const bySection = useAppSelector((s) => s.Prefs.values['discoverystream.sections.enabled']);
  // Sections switched off: one grid in the feed's order, blocked topics still left out.
  const sections = bySection ? orderSections(state.sections, topics) : [];
  const stories = bySection ? orderStories(state.stories, sections) : withoutBlocked(state.stories, topics);
  const cards = layoutCards(stories.filter((s) => !hidden.has(s.id)), placed);
  const threshold = state.settings.loadMoreThreshold;
  const shown = expanded ? cards : cards.slice(0, threshold);
  const savedIds = new Set(state.saved.map((s) => s.id));
  const liked = new Set(topics.liked);

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

  // A blocked section is gone with its buttons: focus goes to the heading now in its place.
  useEffect(() => {
    if (focusAfterBlock.current === null) return;
    headings.current.get(focusAfterBlock.current)?.focus();
    focusAfterBlock.current = null;
  });

  /** The card goes at once; keyboard focus stays in the grid, on the next card. */
  const hideCard = (card: Card) => {
    const next = cards[cards.indexOf(card) + 1] ?? cards[cards.indexOf(card) - 1];
    elements.current.get(next?.story.id ?? -1)?.querySelector('a')?.focus();
    setHidden((h) => new Set(h).add(card.story.id));
  };

  const onEvent = (name: StoryEventName, card: Card) => {
    for (const a of storyEvents[name](card)) dispatch(a);
    if (name === 'thumbsUp' || name === 'thumbsDown') toast.show(t('feedbackThanks'));
    if (HIDING.has(name)) hideCard(card);
  };

  const onReport = (reason: ReportReason) => {
    if (!reporting) return;
    for (const a of reportEvents(reporting, reason)) dispatch(a);
    setReporting(null);
    hideCard(reporting);
    toast.show(t('reportThanks'));
  };

  const onFollow = (section: FeedSection, position: number, follow: boolean) => {
    for (const a of topicEvents(follow ? 'follow' : 'unfollow', section.id, 'TOPIC_SECTION', position)) dispatch(a);
  };

  const onBlockConfirmed = () => {
    if (!blocking) return;
    const position = sections.indexOf(blocking);
    for (const a of topicEvents('block', blocking.id, 'TOPIC_SECTION', position)) dispatch(a);
    focusAfterBlock.current = (sections[position + 1] ?? sections[position - 1])?.id ?? null;
    setBlocking(null);
    toast.show(t('topicBlocked').replace('{topic}', blocking.title));
  };

  const onShowPrivacyInfo = (card: Card) => {
    onEvent('showPrivacyInfo', card);
    if (card.type === 'spoc') setPrivacyFor(card.story);
  };

  const loadMore = () => {
    dispatch(ac.UserEvent({ event: 'CLICK', source: 'DS_LOAD_MORE_BUTTON' }));
    setExpanded(true);
  };

  const grid = (group: Card[]) => (
    <ul className="story-grid">
      {group.map((card) => (
        <StoryCard
          key={card.story.id}
          card={card}
          saved={savedIds.has(card.story.id)}
          liked={liked.has(card.story.id)}
          canOpenPrivateWindow={canOpenPrivateWindow}
          elementRef={(element) => {
            if (element) elements.current.set(card.story.id, element);
            else elements.current.delete(card.story.id);
          }}
          onEvent={onEvent}
          onShowPrivacyInfo={onShowPrivacyInfo}
          onReport={setReporting}
        />
      ))}
    </ul>
  );

  return (
    <div className="stories" data-feed-source={state.source}>
      {cards.length === 0 ? (
        <p className="stories-empty">{t('storiesEmpty')}</p>
      ) : (
        groupCards(shown, sections).map(({ section, cards: group }) =>
          section ? (
            <TopicSection
              key={section.id}
              section={section}
              followed={topics.followed.includes(section.id)}
              onFollow={(follow) => onFollow(section, sections.indexOf(section), follow)}
              onBlock={() => setBlocking(section)}
              headingRef={(element) => {
                if (element) headings.current.set(section.id, element);
                else headings.current.delete(section.id);
              }}
            >
              {grid(group)}
            </TopicSection>
          ) : (
            <div key="" className="story-grid-top">
              {grid(group)}
            </div>
          ),
        )
      )}
      {!expanded && cards.length > threshold && (
        <button type="button" className="stories-load-more" onClick={loadMore}>
          {t('storiesLoadMore')}
        </button>
      )}
      <p className="stories-toast" role="status" aria-live="polite">
        {toast.message}
      </p>
      <SavedStories saved={state.saved} />
      <PopularTopics topics={state.topics} />
      {privacyFor && (
        <PrivacyModal sponsor={privacyFor.sponsor} privacyPageUrl={privacyPageUrl} onClose={() => setPrivacyFor(null)} />
      )}
      {reporting && <ReportDialog card={reporting} onSubmit={onReport} onClose={() => setReporting(null)} />}
      {blocking && (
        <ConfirmDialog
          message={t('topicBlockConfirm').replace('{topic}', blocking.title)}
          confirmLabel={t('topicBlockConfirmButton')}
          cancelLabel={t('topicBlockCancel')}
          onConfirm={onBlockConfirmed}
          onCancel={() => setBlocking(null)}
        />
      )}
    </div>
  );
}

/** A short confirmation in a live region, cleared after TOAST_MS. */
function useToast() {
  const [message, setMessage] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return {
    message,
    show(text: string) {
      clearTimeout(timer.current);
      setMessage(text);
      timer.current = setTimeout(() => setMessage(''), TOAST_MS);
    },
  };
}
