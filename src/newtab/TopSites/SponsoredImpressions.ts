// Sponsored tile impressions (Firefox's TopSiteImpressionWrapper): one
// impression event per tile per page, once it is seen.
import { ac, type Action } from '../../common/actions';
import type { SponsoredTileEvent } from '../../common/pings/types';
import { VisibleImpressions, type VisibilityDocument } from '../lib/VisibleImpressions';

export interface SponsoredImpressionsDeps {
  dispatch(a: Action): void;
  document: VisibilityDocument;
  IntersectionObserver: typeof IntersectionObserver;
}

/** What a tile reports when seen: its impression event. */
export type TrackedTiles = Map<Element, SponsoredTileEvent>;

const tileKey = (e: SponsoredTileEvent) => `${e.tile_id}|${e.advertiser}`;

export class SponsoredImpressions {
  private readonly impressions: VisibleImpressions<SponsoredTileEvent>;

  constructor({ dispatch, document, IntersectionObserver }: SponsoredImpressionsDeps) {
    this.impressions = new VisibleImpressions<SponsoredTileEvent>({
      document,
      IntersectionObserver,
      key: tileKey,
      fingerprint: (e) => `${tileKey(e)}|${e.position}`,
      onSeen: (events) => {
        for (const event of events) dispatch(ac.SponsoredTileEvent(event));
      },
    });
  }

  start(): void {
    this.impressions.start();
  }

  stop(): void {
    this.impressions.stop();
  }

  /** The sponsored tiles now in the grid; call after every render. */
  setTiles(tiles: TrackedTiles): void {
    this.impressions.setItems(tiles);
  }
}
