// The toolbar popup's frame: what the background sent when it opened (the
// tab's recommendation, then, from the toolbar button, What's new). It is
// marked answered (data-popup-ready) once that state arrived.
import { useCallback, useEffect } from 'react';
import { OnlyToMain, ac, action } from '../common/actions';
import type { OnSaveRecsEvent, PocketButtonEvent } from '../common/pings/types';
import { useAppDispatch, useAppSelector } from '../newtab/lib/hooks';
import { useI18n } from '../newtab/lib/i18nContext';
import type { CfrControl, PopupView } from '../common/messaging/types';
import { CfrDoorhanger } from './CfrDoorhanger/CfrDoorhanger';
import { SavedList } from './SavedList/SavedList';
import { WhatsNew } from './WhatsNew/WhatsNew';
import { orderStories } from '../common/stories/sectionLayout';
import { orderSections } from '../common/stories/topics';
import './Popup.css';

export interface PopupProps {
  view: PopupView;
  /** Opens a new tab (ours), where the saved list shows. */
  openNewTab(): void;
}

export function Popup({ view, openNewTab }: PopupProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const popup = useAppSelector((s) => s.Messaging.popup);
  const notify = useAppSelector((s) => s.Prefs.values['messaging.whatsNewNotifications']);
  const stories = useAppSelector((s) => s.DiscoveryStream);
  const topics = useAppSelector((s) => s.Topics);
  useEffect(() => {
    if (popup) document.body.dataset.popupReady = '1';
  }, [popup]);
  const onViewed = useCallback((ids: string[]) => dispatch(ac.WhatsNewViewed(ids)), [dispatch]);
  const onCfrControl = useCallback((id: string, control: CfrControl) => dispatch(ac.CfrAction(id, control)), [dispatch]);
  const onSaveEvent = useCallback((event: PocketButtonEvent) => dispatch(ac.PocketButtonEvent(event)), [dispatch]);
  const onRecs = useCallback((events: OnSaveRecsEvent[]) => dispatch(ac.OnSaveRecs(events)), [dispatch]);
  if (!popup) return <main className="popup-main" aria-busy="true" />;
  return (
    <main className="popup-main">
      <h1 className="popup-title">{t('extName')}</h1>
      {popup.cfr && <CfrDoorhanger id={popup.cfr.id} content={popup.cfr.content} onControl={onCfrControl} />}
      {view === 'toolbar' && (
        <WhatsNew
          items={popup.whatsNew}
          notify={notify}
          onViewed={onViewed}
          onClick={(id) => dispatch(ac.WhatsNewClick(id))}
          onToggleNotify={(value) => dispatch(ac.WhatsNewPrefToggle(value))}
        />
      )}
      {view === 'toolbar' && (
        <SavedList
          saved={stories.saved}
          stories={orderStories(stories.stories, orderSections(stories.sections, topics))}
          savableTabId={popup.savableTabId}
          onSave={(tabId) => dispatch(ac.SaveToList(tabId))}
          onRemove={(id) => dispatch(OnlyToMain(action('DISCOVERY_STREAM_UNSAVE_STORY', { id })))}
          onOpenList={openNewTab}
          onEvent={onSaveEvent}
          onRecs={onRecs}
        />
      )}
    </main>
  );
}
