// One shortcut tile: its link (or, for a search shortcut, a button that opens
// a search box for that engine) and its "⋯" menu. Every event carries the
// tile's position and value {card_type, icon_type, search_vendor} as the seed
// names them, never its URL or title.
import { useId, useRef, useState, type MouseEvent } from 'react';
import { OnlyToMain, ac, action } from '../../common/actions';
import type { UserEventData } from '../../common/pings/types';
import { topSiteEventValue, topSiteIcon } from '../../common/topSites/rules';
import type { TopSite as Site } from '../../common/topSites/types';
import { LinkMenu, type LinkMenuItem } from '../LinkMenu/LinkMenu';
import { useAppDispatch } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { SearchShortcutPrompt } from './SearchShortcutPrompt';

export interface TopSiteProps {
  site: Site;
  index: number;
  canOpenPrivateWindow: boolean;
  /** Hidden by CSS on narrow windows, where rows hold 6 tiles. */
  hideForNarrow: boolean;
  onEdit(): void;
  onDelete(): void;
  onShowPrivacyInfo(): void;
  /** The tile's image could not be drawn: the grid then paints (and reports) the letter. */
  onIconError(image: string): void;
}

export function topSiteEvent(event: UserEventData['event'], site: Site, index: number): UserEventData {
  return { event, source: 'TOP_SITES', action_position: index, value: topSiteEventValue(site) };
}

function TileIcon({ site, onError }: { site: Site; onError(image: string): void }) {
  const { image, backgroundColor, small } = topSiteIcon(site);
  return (
    <span className={small ? 'top-site-icon top-site-icon-small' : 'top-site-icon'} style={backgroundColor ? { backgroundColor } : undefined} aria-hidden="true">
      {image ? (
        <img src={image} alt="" onError={() => onError(image)} />
      ) : (
        <span className="top-site-letter">{site.label.charAt(0).toUpperCase()}</span>
      )}
    </span>
  );
}

export function TopSite({ site, index, canOpenPrivateWindow, hideForNarrow, onEdit, onDelete, onShowPrivacyInfo, onIconError }: TopSiteProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const titleId = useId();
  const promptId = useId();
  const [searching, setSearching] = useState(false);
  const tileButton = useRef<HTMLButtonElement>(null);
  const { url, sponsored } = site;
  const send = (event: UserEventData['event']) => dispatch(ac.UserEvent(topSiteEvent(event, site, index)));

  const onClick = (e: MouseEvent) => {
    send('CLICK');
    if (sponsored) {
      dispatch(
        ac.SponsoredTileEvent({
          type: 'click',
          tile_id: sponsored.tileId,
          position: index + 1,
          advertiser: sponsored.advertiser,
          reporting_url: sponsored.clickUrl,
          source: 'newtab',
        }),
      );
    }
    if (site.searchVendor) {
      e.preventDefault();
      setSearching((open) => !open);
    }
  };

  const item = (id: string, label: string, onSelect: () => void): LinkMenuItem => ({ id, label, onSelect });
  const menu: LinkMenuItem[] = [];
  if (!sponsored) {
    menu.push(
      site.isPinned
        ? item('unpin', t('topSiteMenuUnpin'), () => dispatch(OnlyToMain(action('TOP_SITES_UNPIN', { url }))))
        : item('pin', t('topSiteMenuPin'), () => dispatch(OnlyToMain(action('TOP_SITES_PIN', { site: { url, label: site.label }, index })))),
    );
  }
  if (!sponsored && !site.searchVendor) menu.push(item('edit', t('topSiteMenuEdit'), onEdit));
  if (!site.searchVendor) {
    menu.push(
      item('new-window', t('menuOpenNewWindow'), () => {
        dispatch(OnlyToMain(action('OPEN_NEW_WINDOW', { url })));
        send('OPEN_NEW_WINDOW');
      }),
    );
    if (canOpenPrivateWindow) {
      menu.push(
        item('private-window', t('menuOpenPrivateWindow'), () => {
          dispatch(OnlyToMain(action('OPEN_PRIVATE_WINDOW', { url })));
          send('OPEN_PRIVATE_WINDOW');
        }),
      );
    }
  }
  if (!sponsored && !site.searchVendor) {
    const bookmarkGuid = site.bookmarkGuid;
    menu.push(
      bookmarkGuid
        ? item('remove-bookmark', t('menuRemoveBookmark'), () => {
            dispatch(OnlyToMain(action('DELETE_BOOKMARK_BY_ID', { bookmarkGuid })));
            send('BOOKMARK_DELETE');
          })
        : item('bookmark', t('menuBookmark'), () => {
            dispatch(OnlyToMain(action('BOOKMARK_URL', { url, title: site.label })));
            send('BOOKMARK_ADD');
          }),
    );
  }
  menu.push(
    item('dismiss', t('topSiteMenuDismiss'), () => {
      // Dismissing a sponsored tile blocks its sponsor, not just this address.
      dispatch(
        OnlyToMain(sponsored ? action('TOP_SITES_BLOCK_SPONSOR', { advertiser: sponsored.advertiser }) : action('BLOCK_URL', { url })),
      );
      send('BLOCK');
    }),
  );
  // A default site or a search engine has no history of ours to delete.
  if (!sponsored && !site.searchVendor && !site.isDefault) menu.push(item('delete', t('menuDeleteHistory'), onDelete));
  if (sponsored) {
    menu.push(
      item('privacy', t('topSiteMenuPrivacy'), () => {
        dispatch(ac.UserEvent({ event: 'SHOW_PRIVACY_INFO', source: 'TOP_SITES', action_position: index }));
        onShowPrivacyInfo();
      }),
    );
  }

  const content = (
    <>
      <TileIcon site={site} onError={onIconError} />
      <span id={titleId} className="top-site-label">
        {site.label}
      </span>
      {site.isPinned && <span className="top-site-pinned">{t('topSitePinned')}</span>}
      {sponsored && <span className="top-site-sponsored">{t('topSiteSponsored')}</span>}
    </>
  );

  return (
    <li
      className={hideForNarrow ? 'top-site hide-for-narrow' : 'top-site'}
      data-index={index}
      data-card-type={topSiteEventValue(site).card_type ?? 'organic'}
      data-icon-type={topSiteIcon(site).kind}
    >
      {site.searchVendor ? (
        <button
          ref={tileButton}
          type="button"
          className="top-site-link"
          aria-expanded={searching}
          aria-controls={searching ? promptId : undefined}
          onClick={onClick}
        >
          {content}
        </button>
      ) : (
        <a className="top-site-link" href={url} onClick={onClick}>
          {content}
        </a>
      )}
      <LinkMenu label={t('cardMenuLabel')} describedBy={titleId} items={menu} />
      {searching && site.searchVendor && (
        <SearchShortcutPrompt
          id={promptId}
          vendor={site.searchVendor}
          engineLabel={site.label}
          onClose={() => {
            setSearching(false);
            tileButton.current?.focus();
          }}
        />
      )}
    </li>
  );
}
