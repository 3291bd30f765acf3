// The save-for-later button's view in the popup (Firefox's Save to Pocket
// panel): "Save this page", the saved list (open, remove, export as JSON, open
// it on the new tab) and, after a save, recommendations from the stories feed.
// Its events are the seed's pocket-button sources: save_button (this page can
// be saved) or home_button (it cannot), view_list / home_view_list, on_save_recs.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { OnSaveRecsEvent, PocketButtonEvent } from '../../common/pings/types';
import type { Story } from '../../common/stories/types';
import { safeLinkUrl } from '../../common/stories/sanitizeFeed';
import { useI18n } from '../../newtab/lib/i18nContext';
import './SavedList.css';

export const RECS_SHOWN = 3;

export interface SavedListProps {
  saved: readonly Story[];
  /** Stories from the feed, best first. */
  stories: readonly Story[];
  savableTabId: number | null;
  onSave(tabId: number): void;
  onRemove(id: number): void;
  onOpenList(): void;
  onEvent(event: PocketButtonEvent): void;
  onRecs(events: OnSaveRecsEvent[]): void;
}

export function SavedList({ saved, stories, savableTabId, onSave, onRemove, onOpenList, onEvent, onRecs }: SavedListProps) {
  const { t } = useI18n();
  const headingId = useId();
  const [justSaved, setJustSaved] = useState(false);
  const home = savableTabId === null;
  const shown = useRef(false);
  useEffect(() => {
    if (shown.current) return;
    shown.current = true;
    onEvent({ action: 'impression', position: 0, source: home ? 'home_button' : 'save_button' });
  }, [home, onEvent]);

  const savedUrls = new Set(saved.map((s) => s.url));
  const recs = justSaved ? stories.filter((s) => !savedUrls.has(s.url)).slice(0, RECS_SHOWN) : [];
  const recsKey = recs.map((r) => r.id).join(',');
  useEffect(() => {
    if (recsKey) onRecs(recsKey.split(',').map((_, position) => ({ action: 'impression', position })));
  }, [recsKey, onRecs]);

  const exportUrl = useMemo(() => {
    const list = saved.map(({ url, title }) => ({ url, title }));
    return URL.createObjectURL(new Blob([JSON.stringify(list, null, 2)], { type: 'application/json' }));
  }, [saved]);
  useEffect(() => () => URL.revokeObjectURL(exportUrl), [exportUrl]);

  return (
    <section className="saved-list" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('savedListHeading')}</h2>
      {savableTabId !== null && (
        <button
          type="button"
          className="primary"
          onClick={() => {
            onSave(savableTabId);
            setJustSaved(true);
          }}
        >
          {t('savedListSavePage')}
        </button>
      )}
      {justSaved && <p role="status">{t('savedListSaved')}</p>}
      {recs.length > 0 && (
        <div className="saved-recs">
          <h3>{t('savedListRecs')}</h3>
          <ul>
            {recs.map((story, position) => (
              <li key={story.id}>
                <a
                  href={safeLinkUrl(story.url) ?? undefined}
                  target="_blank"
                  rel="noreferrer"
                  onClick={() => {
                    onEvent({ action: 'click', position, source: 'on_save_recs' });
                    onRecs([{ action: 'click', position }]);
                  }}
                >
                  {story.title}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {saved.length === 0 ? (
        <p className="saved-empty">{t('savedListEmpty')}</p>
      ) : (
        <ul className="saved-items">
          {saved.map((story) => (
            <li key={story.id} data-story-id={story.id}>
              <a href={safeLinkUrl(story.url) ?? undefined} target="_blank" rel="noreferrer">
                {story.title}
              </a>
              <button type="button" aria-label={t('savedStoriesRemove').replace('{title}', story.title)} onClick={() => onRemove(story.id)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="saved-actions">
        <button
          type="button"
          className="link-button"
          onClick={() => {
            onEvent({ action: 'click', position: 0, source: home ? 'home_view_list' : 'view_list' });
            onOpenList();
          }}
        >
          {t('savedListOpen')}
        </button>
        {saved.length > 0 && (
          <a className="link-button" href={exportUrl} download="saved-pages.json">
            {t('savedListExport')}
          </a>
        )}
      </div>
    </section>
  );
}
