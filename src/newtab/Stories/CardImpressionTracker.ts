// Story card impressions (Firefox's ImpressionStats wrapper, per card). The
// first time the page is visible with cards, the loaded content is reported too.
import { OnlyToMain, ac, action, type Action } from '../../common/actions';
import type { ImpressionSource } from '../../common/pings/types';
import { VisibleImpressions, type VisibilityDocument } from '../lib/VisibleImpressions';

export interface TrackedCard {
  id: number;
  pos: number;
  /** The spoc's impression shim. */
  shim?: string;
  /** Spocs only: their impressions count towards the flight's frequency caps. */
  flightId?: string;
}

export interface CardImpressionTrackerDeps {
  source: ImpressionSource;
  dispatch(a: Action): void;
  document: VisibilityDocument;
  IntersectionObserver: typeof IntersectionObserver;
}

export class CardImpressionTracker {
  private readonly impressions: VisibleImpressions<TrackedCard>;

  constructor({ source, dispatch, document, IntersectionObserver }: CardImpressionTrackerDeps) {
    this.impressions = new VisibleImpressions<TrackedCard>({
      document,
      IntersectionObserver,
      key: (card) => String(card.id),
      fingerprint: (card) => `${card.id}|${card.pos}|${card.shim ?? ''}`,
      onFirstVisible: (cards) => {
        const tiles = [...cards].sort((a, b) => a.pos - b.pos).map(({ id, pos }) => ({ id, pos }));
        dispatch(ac.DiscoveryStreamLoadedContent({ source, tiles }));
      },
      onSeen: (cards) => {
        const tiles = cards.map(({ id, pos, shim }) => (shim ? { id, pos, shim } : { id, pos }));
        dispatch(ac.DiscoveryStreamImpressionStats({ source, tiles }));
        for (const { flightId } of cards) {
          if (flightId) dispatch(OnlyToMain(action('DISCOVERY_STREAM_SPOC_IMPRESSION', { flightId })));
        }
      },
    });
  }

  start(): void {
    this.impressions.start();
  }

  stop(): void {
    this.impressions.stop();
  }

  /** The cards now in the grid, by element; called after every render that changes them. */
  setCards(cards: Map<Element, TrackedCard>): void {
    this.impressions.setItems(cards);
  }
}
