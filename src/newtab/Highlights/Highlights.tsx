// Recent activity: cards for recent bookmarks and visits, each with a menu to
// bookmark or unbookmark, open in a new or private window, or delete from
// history (after a confirmation). Clicks and menu choices send user events
// with source HIGHLIGHTS; the URL itself only ever goes to the background.
import { useCallback, useId, useState } from 'react';
import { OnlyToMain, ac, action } from '../../common/actions';
import type { HighlightItem } from '../../common/highlights';
import type { UserEventData } from '../../common/pings/types';
import { ConfirmDialog } from '../ConfirmDialog/ConfirmDialog';
import { LinkMenu, type LinkMenuItem } from '../LinkMenu/LinkMenu';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { useDataLateBy } from '../lib/useDataLateBy';
import './Highlights.css';

export interface HighlightsProps {
  /** Clock for highlights_data_late_by_ms; tests pass a fake. */
  now?: () => number;
}

export function Highlights({ now }: HighlightsProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const { initialized, rows, canOpenPrivateWindow } = useAppSelector((s) => s.Highlights);
  const [deleting, setDeleting] = useState<{ item: HighlightItem; index: number } | null>(null);
  const reportLate = useCallback(
    (lateByMs: number) => dispatch(ac.PerfData({ highlights_data_late_by_ms: lateByMs })),
    [dispatch],
  );
  useDataLateBy(initialized, reportLate, now);

  if (!initialized) {
    return (
      <p className="highlights-status" aria-busy="true">
        {t('loading')}
      </p>
    );
  }
  if (rows.length === 0) return <p className="highlights-status">{t('highlightsEmpty')}</p>;

  const confirmDelete = () => {
    if (!deleting) return;
    const { item, index } = deleting;
    dispatch(OnlyToMain(action('DELETE_HISTORY_URL', { url: item.url })));
    dispatch(ac.UserEvent(highlightEvent('DELETE', item, index)));
    setDeleting(null);
  };

  return (
    <>
      <ul className="highlights-grid">
        {rows.map((item, index) => (
          <HighlightCard
            key={item.url}
            item={item}
            index={index}
            canOpenPrivateWindow={canOpenPrivateWindow}
            onDelete={() => setDeleting({ item, index })}
          />
        ))}
      </ul>
      {deleting && (
        <ConfirmDialog
          message={t('confirmDeleteHistory')}
          confirmLabel={t('delete')}
          cancelLabel={t('cancel')}
          onConfirm={confirmDelete}
          onCancel={() => setDeleting(null)}
        />
      )}
    </>
  );
}

/** Every highlights event says where the card was and what kind it is; never its URL or title. */
export function highlightEvent(event: UserEventData['event'], item: HighlightItem, index: number): UserEventData {
  return { event, source: 'HIGHLIGHTS', action_position: index, value: { card_type: item.type } };
}

interface HighlightCardProps {
  item: HighlightItem;
  index: number;
  canOpenPrivateWindow: boolean;
  onDelete(): void;
}

function HighlightCard({ item, index, canOpenPrivateWindow, onDelete }: HighlightCardProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const titleId = useId();
  const { url } = item;

  const menu: LinkMenuItem[] = [
    item.bookmarkGuid
      ? {
          id: 'remove-bookmark',
          label: t('menuRemoveBookmark'),
          onSelect: () => {
            dispatch(OnlyToMain(action('DELETE_BOOKMARK_BY_ID', { bookmarkGuid: item.bookmarkGuid! })));
            dispatch(ac.UserEvent(highlightEvent('BOOKMARK_DELETE', item, index)));
          },
        }
      : {
          id: 'bookmark',
          label: t('menuBookmark'),
          onSelect: () => {
            dispatch(OnlyToMain(action('BOOKMARK_URL', { url, title: item.title })));
            dispatch(ac.UserEvent(highlightEvent('BOOKMARK_ADD', item, index)));
          },
        },
    {
      id: 'new-window',
      label: t('menuOpenNewWindow'),
      onSelect: () => {
        dispatch(OnlyToMain(action('OPEN_NEW_WINDOW', { url })));
        dispatch(ac.UserEvent(highlightEvent('OPEN_NEW_WINDOW', item, index)));
      },
    },
    ...(canOpenPrivateWindow
      ? [
          {
            id: 'private-window',
            label: t('menuOpenPrivateWindow'),
            onSelect: () => {
              dispatch(OnlyToMain(action('OPEN_PRIVATE_WINDOW', { url })));
              dispatch(ac.UserEvent(highlightEvent('OPEN_PRIVATE_WINDOW', item, index)));
            },
          },
        ]
      : []),
    { id: 'delete', label: t('menuDeleteHistory'), onSelect: onDelete },
  ];

  return (
    <li className="highlight-card" data-card-type={item.type}>
      <a
        className="highlight-link"
        href={url}
        // Firefox leaves card_type out of a history card's CLICK.
        onClick={() =>
          dispatch(
            ac.UserEvent({
              event: 'CLICK',
              source: 'HIGHLIGHTS',
              action_position: index,
              ...(item.type === 'bookmark' ? { value: { card_type: 'bookmark' } } : {}),
            }),
          )
        }
      >
        <span className="highlight-icon" aria-hidden="true">
          {item.hostname.charAt(0).toUpperCase()}
        </span>
        <span id={titleId} className="highlight-title">
          {item.title}
        </span>
        <span className="highlight-meta">
          <span className="highlight-host">{item.hostname}</span>
          <span className="highlight-type">{t(item.type === 'bookmark' ? 'highlightBookmarked' : 'highlightVisited')}</span>
        </span>
      </a>
      <LinkMenu label={t('cardMenuLabel')} describedBy={titleId} items={menu} />
    </li>
  );
}
