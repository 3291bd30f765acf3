// "Notify me when time is up", on the Focus timer and the settings page.
// Turning it on asks for the optional `notifications` permission from the
// click itself (browsers ask only then); the pref follows the answer.
import { createContext, useContext, useState } from 'react';
import { ac } from '../../common/actions';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';

/** Asks for the notifications permission; pages give `browser.permissions.request`. Outside an extension page nothing can be asked. */
export const NotificationsPermission = createContext<() => Promise<boolean>>(async () => false);

export function TimerNotify({ className }: { className: string }) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const request = useContext(NotificationsPermission);
  const notify = useAppSelector((s) => s.Prefs.values['widgets.focusTimer.notify']);
  const [denied, setDenied] = useState(false);
  const onChange = (checked: boolean) => {
    if (!checked) {
      dispatch(ac.SetPref('widgets.focusTimer.notify', false));
      return;
    }
    void request().then((granted) => {
      setDenied(!granted);
      if (granted) dispatch(ac.SetPref('widgets.focusTimer.notify', true));
    });
  };
  return (
    <>
      <label className={className}>
        <input type="checkbox" name="widgets.focusTimer.notify" checked={notify} onChange={(e) => onChange(e.target.checked)} />
        <span>{t('widgetTimerNotify')}</span>
      </label>
      {denied && (
        <p className="timer-note" role="status">
          {t('widgetTimerNotifyDenied')}
        </p>
      )}
    </>
  );
}
