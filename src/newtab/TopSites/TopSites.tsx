// The shortcuts grid (Firefox's TopSites section): topSitesRows rows of 8
// tiles (6 on narrow windows), empty slots drawn as placeholders. Tiles paint
// at once from the cache the background left in storage.local, then follow
// the background's TOP_SITES_UPDATED. Sponsored tiles report impressions and
// clicks as contextual-services events and never show with the pref off.
import { useEffect, useMemo, useRef, useState } from 'react';
import { OnlyToMain, ac, action } from '../../common/actions';
import { TOP_SITES_PER_ROW, WIDE_LAYOUT_QUERY, tilesPerRow, topSiteIcon, withoutImages } from '../../common/topSites/rules';
import type { TopSite as Site, TopSiteSlot } from '../../common/topSites/types';
import { sponsoredTopSitesOn } from '../../common/sponsored';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import type { CachedTopSites } from '../lib/topSitesCache';
import { useMediaQuery, type MatchMedia } from '../lib/useMediaQuery';
import { useBootSnapshot } from '../lib/useBootSnapshot';
import { bootPaint as defaultBootPaint, type BootPaint } from '../boot/bootPaint';
import { SearchShortcutsForm } from '../SearchShortcutsForm/SearchShortcutsForm';
import type { VisibilityDocument } from '../lib/VisibleImpressions';
import { TopSiteForm } from '../TopSiteForm/TopSiteForm';
import { SponsoredImpressions, type TrackedTiles } from './SponsoredImpressions';
import { SponsoredPrivacyDialog } from './SponsoredPrivacyDialog';
import { TopSite, topSiteEvent } from './TopSite';
import { browserPaintClock, useTopSitesPerf, type PaintClock } from './useTopSitesPerf';
import { useTopSitesSwap } from './useTopSitesSwap';
import './TopSites.css';

export interface TopSitesProps {
  /** The cached grid, read from storage.local at boot. */
  cache?: Promise<CachedTopSites | null>;
  matchMedia?: MatchMedia;
  IntersectionObserver?: typeof IntersectionObserver;
  document?: VisibilityDocument;
  clock?: PaintClock;
  /** The boot script's paint of the last snapshot, which this grid takes over. */
  boot?: BootPaint;
}

type Dialog =
  | { kind: 'edit'; index: number; site?: Site }
  | { kind: 'delete'; index: number; site: Site }
  | { kind: 'privacy'; sponsor: string }
  | { kind: 'search-shortcuts' };

function useCachedTopSites(cache: Promise<CachedTopSites | null> | undefined): CachedTopSites | null {
  const [cached, setCached] = useState<CachedTopSites | null>(null);
  useEffect(() => {
    let current = true;
    void cache?.then((c) => current && setCached(c));
    return () => {
      current = false;
    };
  }, [cache]);
  return cached;
}

export function TopSites({
  cache,
  matchMedia,
  IntersectionObserver: Observer = globalThis.IntersectionObserver,
  document: doc = globalThis.document,
  clock = browserPaintClock,
  boot = defaultBootPaint,
}: TopSitesProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const live = useAppSelector((s) => s.TopSites);
  const prefs = useAppSelector((s) => s.Prefs);
  const cached = useCachedTopSites(cache);
  const wide = useMediaQuery(WIDE_LAYOUT_QUERY, matchMedia);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const grid = useRef<HTMLUListElement>(null);

  // Until the background answers, the cached grid stands in for the live one.
  const shown = live.initialized ? live : cached;
  // Which one painted the tiles first: a marker for people and tests checking the instant paint.
  const [paintedFrom, setPaintedFrom] = useState<'cache' | 'live' | null>(null);
  if (shown && paintedFrom === null) setPaintedFrom(live.initialized ? 'live' : 'cache');
  // Until the background answers, the prefs read with the cache stand in for the store's.
  const shownPrefs = prefs.initialized || !cached ? prefs.values : cached.prefs;
  const rowsPref = shownPrefs.topSitesRows;
  // Sponsored tiles come only from a configured feed; a cache from before that rule may still hold sample ones.
  const showSponsored = sponsoredTopSitesOn(shownPrefs) && shownPrefs['topsites.sponsoredFeedUrl'] !== '';
  const slotCount = rowsPref * TOP_SITES_PER_ROW;
  // Images that failed to load: their tiles paint, and so report, the letter.
  const [failedImages, setFailedImages] = useState<ReadonlySet<string>>(() => new Set());
  const slots = useMemo(() => {
    const rows = shown?.rows ?? [];
    return Array.from({ length: slotCount }, (_, i): TopSiteSlot => {
      const site = rows[i] ?? null;
      if (!site || (site.sponsored && !showSponsored)) return null;
      const image = topSiteIcon(site).image;
      return image && failedImages.has(image) ? withoutImages(site) : site;
    });
  }, [shown, slotCount, showSponsored, failedImages]);
  const onIconError = (image: string) => setFailedImages((failed) => new Set([...failed, image]));
  const visibleCount = rowsPref * tilesPerRow(wide);
  const visible = useMemo(() => slots.slice(0, visibleCount), [slots, visibleCount]);

  useTopSitesPerf(shown !== null, visible, dispatch, clock, boot.painted);
  useBootSnapshot(grid, shown !== null, live.initialized && prefs.initialized, prefs.values, boot);
  useTopSitesSwap(grid, shown === null ? null : live.initialized ? 'live' : 'cache', clock, boot);

  const [impressions] = useState(() => new SponsoredImpressions({ dispatch, document: doc, IntersectionObserver: Observer }));
  useEffect(() => {
    impressions.start();
    return () => impressions.stop();
  }, [impressions]);
  useEffect(() => {
    const tiles: TrackedTiles = new Map();
    for (const element of grid.current?.querySelectorAll<HTMLElement>('li[data-card-type="spoc"]') ?? []) {
      const index = Number(element.dataset.index);
      const sponsored = slots[index]?.sponsored;
      if (!sponsored) continue;
      tiles.set(element, {
        type: 'impression',
        tile_id: sponsored.tileId,
        position: index + 1,
        advertiser: sponsored.advertiser,
        reporting_url: sponsored.impressionUrl,
        source: 'newtab',
      });
    }
    impressions.setTiles(tiles);
  });

  const confirmDelete = (site: Site, index: number) => {
    dispatch(OnlyToMain(action('DELETE_HISTORY_URL', { url: site.url })));
    dispatch(ac.UserEvent(topSiteEvent('DELETE', site, index)));
    setDialog(null);
  };

  return (
    <div className="top-sites">
      <ul ref={grid} className="top-sites-grid" aria-busy={shown === null} data-rows={rowsPref} data-painted-from={paintedFrom ?? undefined}>
        {slots.map((site, index) => {
          const hideForNarrow = index >= rowsPref * tilesPerRow(false);
          return site ? (
            <TopSite
              key={`${index}:${site.url}`}
              site={site}
              index={index}
              canOpenPrivateWindow={shown?.canOpenPrivateWindow ?? false}
              hideForNarrow={hideForNarrow}
              onEdit={() => setDialog({ kind: 'edit', index, site })}
              onDelete={() => setDialog({ kind: 'delete', index, site })}
              onShowPrivacyInfo={() => setDialog({ kind: 'privacy', sponsor: site.label })}
              onIconError={onIconError}
            />
          ) : (
            <li key={index} className={hideForNarrow ? 'top-site-placeholder hide-for-narrow' : 'top-site-placeholder'} aria-label={t('topSiteEmptySlot')} />
          );
        })}
      </ul>
      {shown === null && <p className="visually-hidden">{t('topSitesLoading')}</p>}
      <div className="top-sites-toolbar">
        <button type="button" onClick={() => setDialog({ kind: 'edit', index: -1 })}>
          {t('topSitesAdd')}
        </button>
        <button type="button" onClick={() => setDialog({ kind: 'search-shortcuts' })}>
          {t('topSitesSearchEngines')}
        </button>
      </div>
      {dialog?.kind === 'edit' && <TopSiteForm index={dialog.index} site={dialog.site} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'search-shortcuts' && <SearchShortcutsForm rows={slots} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'privacy' && <SponsoredPrivacyDialog sponsor={dialog.sponsor} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          message={t('confirmDeleteHistory')}
          confirmLabel={t('delete')}
          cancelLabel={t('cancel')}
          onConfirm={() => confirmDelete(dialog.site, dialog.index)}
          onCancel={() => setDialog(null)}
        />
      )}
    </div>
  );
}
