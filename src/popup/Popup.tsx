// The toolbar popup's frame: what the background sent when it opened (the
// tab's recommendation, then, from the toolbar button, What's new). It is
// marked answered (data-popup-ready) once that state arrived.
import { useCallback, useEffect } from 'react';
import { ac } from '../common/actions';
import { useAppDispatch, useAppSelector } from '../newtab/lib/hooks';
import { useI18n } from '../newtab/lib/i18nContext';
import type { CfrControl, PopupView } from '../common/messaging/types';
import { CfrDoorhanger } from './CfrDoorhanger/CfrDoorhanger';
import { WhatsNew } from './WhatsNew/WhatsNew';
import './Popup.css';

export function Popup({ view }: { view: PopupView }) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const popup = useAppSelector((s) => s.Messaging.popup);
  const notify = useAppSelector((s) => s.Prefs.values['messaging.whatsNewNotifications']);
  useEffect(() => {
    if (popup) document.body.dataset.popupReady = '1';
  }, [popup]);
  const onViewed = useCallback((ids: string[]) => dispatch(ac.WhatsNewViewed(ids)), [dispatch]);
  const onCfrControl = useCallback((id: string, control: CfrControl) => dispatch(ac.CfrAction(id, control)), [dispatch]);
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
    </main>
  );
}
