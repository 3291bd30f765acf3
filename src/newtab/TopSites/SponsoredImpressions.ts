// Sponsored tile impressions (Firefox's TopSiteImpressionWrapper): a tile
// counts as seen once at least half of it is on screen while the page is
// visible, once per tile per page. A preloaded or background tab reports
// nothing until it is shown.
import { ac, type Action } from '../../common/actions';
import type { SponsoredTileEvent } from '../../common/pings/types';
import { IMPRESSION_THRESHOLD, type VisibilityDocument } from '../Stories/CardImpressionTracker';

export interface SponsoredImpressionsDeps {
  dispatch(a: Action): void;
  document: VisibilityDocument;
  IntersectionObserver: typeof IntersectionObserver;
}

/** What a tile reports when seen: its impression event. */
export type TrackedTiles = Map<Element, SponsoredTileEvent>;

const tileKey = (e: SponsoredTileEvent) => `${e.tile_id}|${e.advertiser}`;

function sameTiles(a: TrackedTiles, b: TrackedTiles): boolean {
  if (a.size !== b.size) return false;
  for (const [element, event] of b) {
    const before = a.get(element);
    if (!before || tileKey(before) !== tileKey(event) || before.position !== event.position) return false;
  }
  return true;
}

export class SponsoredImpressions {
  private readonly seen = new Set<string>();
  private tiles: TrackedTiles = new Map();
  private observer: IntersectionObserver | null = null;
  private started = false;

  constructor(private readonly deps: SponsoredImpressionsDeps) {}

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

  /** The sponsored tiles now in the grid; call after every render. */
  setTiles(tiles: TrackedTiles): void {
    if (sameTiles(this.tiles, tiles)) return;
    this.tiles = tiles;
    if (this.started) this.sync();
  }

  private readonly sync = (): void => {
    this.observer?.disconnect();
    this.observer = null;
    if (this.deps.document.visibilityState !== 'visible' || this.tiles.size === 0) return;
    // A fresh observer reports each tile's current state once, so a page that
    // just became visible counts what is already on screen.
    const observer = new this.deps.IntersectionObserver((entries) => this.onIntersect(observer, entries), {
      threshold: IMPRESSION_THRESHOLD,
    });
    this.observer = observer;
    for (const [element, event] of this.tiles) if (!this.seen.has(tileKey(event))) observer.observe(element);
  };

  private onIntersect(observer: IntersectionObserver, entries: IntersectionObserverEntry[]): void {
    if (this.deps.document.visibilityState !== 'visible') return;
    for (const entry of entries) {
      if (!entry.isIntersecting || entry.intersectionRatio < IMPRESSION_THRESHOLD) continue;
      const event = this.tiles.get(entry.target);
      if (!event || this.seen.has(tileKey(event))) continue;
      this.seen.add(tileKey(event));
      observer.unobserve(entry.target);
      this.deps.dispatch(ac.SponsoredTileEvent(event));
    }
  }
}
