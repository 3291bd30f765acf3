// Impressions that mean something (Firefox's ImpressionStats wrapper, per
// card): a card counts as seen once at least half of it is on screen while
// the page is visible, once per card per page session. Nothing is reported
// while the page is hidden (e.g. preloaded); the first time it is visible
// with cards, the loaded content is reported too.
import { OnlyToMain, ac, action, type Action } from '../../common/actions';
import type { ImpressionSource, ImpressionTile } from '../../common/pings/types';

export const IMPRESSION_THRESHOLD = 0.5;

export interface TrackedCard {
  id: number;
  pos: number;
  /** The spoc's impression shim. */
  shim?: string;
  /** Spocs only: their impressions count towards the flight's frequency caps. */
  flightId?: string;
}

export type VisibilityDocument = Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;

export interface CardImpressionTrackerDeps {
  source: ImpressionSource;
  dispatch(a: Action): void;
  document: VisibilityDocument;
  IntersectionObserver: typeof IntersectionObserver;
}

export class CardImpressionTracker {
  private readonly seen = new Set<number>();
  private loadedSent = false;
  private cards = new Map<Element, TrackedCard>();
  private observer: IntersectionObserver | null = null;
  private started = false;

  constructor(private readonly deps: CardImpressionTrackerDeps) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.deps.document.addEventListener('visibilitychange', this.sync);
    this.sync();
  }

  stop(): void {
    this.started = false;
    this.deps.document.removeEventListener('visibilitychange', this.sync);
    this.observer?.disconnect();
    this.observer = null;
  }

  /** The cards now in the grid, by element; called after every render that changes them. */
  setCards(cards: Map<Element, TrackedCard>): void {
    if (sameCards(this.cards, cards)) return;
    this.cards = cards;
    if (this.started) this.sync();
  }

  private readonly sync = (): void => {
    this.observer?.disconnect();
    this.observer = null;
    if (this.deps.document.visibilityState !== 'visible' || this.cards.size === 0) return;
    if (!this.loadedSent) {
      this.loadedSent = true;
      const tiles = [...this.cards.values()].sort((a, b) => a.pos - b.pos).map(({ id, pos }) => ({ id, pos }));
      this.deps.dispatch(ac.DiscoveryStreamLoadedContent({ source: this.deps.source, tiles }));
    }
    // A fresh observer reports every observed card's current state once, so a
    // page that just became visible counts what is already on screen.
    const observer = new this.deps.IntersectionObserver((entries) => this.onIntersect(observer, entries), {
      threshold: IMPRESSION_THRESHOLD,
    });
    this.observer = observer;
    for (const [element, card] of this.cards) if (!this.seen.has(card.id)) observer.observe(element);
  };

  private onIntersect(observer: IntersectionObserver, entries: IntersectionObserverEntry[]): void {
    if (this.deps.document.visibilityState !== 'visible') return;
    const tiles: ImpressionTile[] = [];
    const flights: string[] = [];
    for (const entry of entries) {
      if (!entry.isIntersecting || entry.intersectionRatio < IMPRESSION_THRESHOLD) continue;
      const card = this.cards.get(entry.target);
      if (!card || this.seen.has(card.id)) continue;
      this.seen.add(card.id);
      observer.unobserve(entry.target);
      tiles.push(card.shim ? { id: card.id, pos: card.pos, shim: card.shim } : { id: card.id, pos: card.pos });
      if (card.flightId) flights.push(card.flightId);
      // A marker for people and tests inspecting the page; React does not manage it.
      if (entry.target instanceof HTMLElement) entry.target.dataset.seen = 'true';
    }
    if (tiles.length) this.deps.dispatch(ac.DiscoveryStreamImpressionStats({ source: this.deps.source, tiles }));
    for (const flightId of flights) {
      this.deps.dispatch(OnlyToMain(action('DISCOVERY_STREAM_SPOC_IMPRESSION', { flightId })));
    }
  }
}

function sameCards(a: Map<Element, TrackedCard>, b: Map<Element, TrackedCard>): boolean {
  if (a.size !== b.size) return false;
  for (const [element, card] of b) {
    const before = a.get(element);
    if (before?.id !== card.id || before.pos !== card.pos || before.shim !== card.shim) return false;
  }
  return true;
}
