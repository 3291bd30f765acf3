// The Focus timer widget: focus and break modes, play / pause / reset, the
// time left as text and as a progress bar with words for screen readers. The
// background keeps the end (an alarm) and says when it is done; the page
// only counts down. The optional notification asks for its permission from
// the user's own click, as browsers require (TimerNotify).
import { useEffect, useState } from 'react';
import { ac } from '../../common/actions';
import { TIMER_MODES, formatClock, timerRemaining, type TimerMode, type TimerOp } from '../../common/widgets/timer';
import type { UserEvent } from '../../common/pings/types';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { TimerNotify } from './TimerNotify';

const EVENTS: Record<TimerOp['op'], UserEvent> = {
  play: 'WIDGET_TIMER_PLAY',
  pause: 'WIDGET_TIMER_PAUSE',
  reset: 'WIDGET_TIMER_RESET',
  setMode: 'WIDGET_TIMER_MODE',
};

export function FocusTimer() {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const timer = useAppSelector((s) => s.Widgets.timer);
  const prefs = useAppSelector((s) => s.Prefs.values);
  const [now, setNow] = useState(() => Date.now());
  const durations = { focus: prefs['widgets.focusTimer.focusSeconds'] * 1000, break: prefs['widgets.focusTimer.breakSeconds'] * 1000 };

  useEffect(() => {
    if (timer.status !== 'running') return;
    const first = setTimeout(() => setNow(Date.now()), 0);
    const tick = setInterval(() => setNow(Date.now()), 250);
    return () => {
      clearTimeout(first);
      clearInterval(tick);
    };
  }, [timer.status]);

  const total = durations[timer.mode];
  const left = timerRemaining(timer, now, durations);
  // The background's "done" may come a moment after the end; the page does not wait for it.
  const done = timer.status === 'done' || (timer.status === 'running' && left === 0);
  const send = (change: TimerOp, mode: TimerMode = timer.mode) => {
    dispatch(ac.WidgetsTimerChange(change));
    dispatch(ac.UserEvent({ event: EVENTS[change.op], source: 'WIDGET_FOCUS_TIMER', value: { timer_mode: mode } }));
  };
  const minutes = Math.floor(Math.ceil(left / 1000) / 60);
  const seconds = Math.ceil(left / 1000) % 60;
  const leftWords = t('widgetTimerLeft').replace('{m}', String(minutes)).replace('{s}', String(seconds));

  return (
    <div className="timer" data-status={done ? 'done' : timer.status} data-mode={timer.mode}>
      <div className="timer-modes" role="group" aria-label={t('widgetTimerMode')}>
        {TIMER_MODES.map((mode) => (
          <button
            key={mode}
            type="button"
            aria-pressed={timer.mode === mode}
            onClick={() => timer.mode !== mode && send({ op: 'setMode', mode }, mode)}
          >
            {t(mode === 'focus' ? 'widgetTimerFocus' : 'widgetTimerBreak')}
          </button>
        ))}
      </div>
      <p className="timer-clock" aria-hidden="true">
        {formatClock(left)}
      </p>
      <div
        className="timer-progress"
        role="progressbar"
        aria-label={t(timer.mode === 'focus' ? 'widgetTimerFocus' : 'widgetTimerBreak')}
        aria-valuemin={0}
        aria-valuemax={Math.round(total / 1000)}
        aria-valuenow={Math.round((total - Math.min(left, total)) / 1000)}
        aria-valuetext={leftWords}
      >
        <div className="timer-progress-bar" style={{ inlineSize: `${total ? (100 * (total - Math.min(left, total))) / total : 0}%` }} />
      </div>
      <p className="timer-status" role="status">
        {done ? t(timer.mode === 'focus' ? 'widgetTimerDoneFocus' : 'widgetTimerDoneBreak') : ''}
      </p>
      <div className="timer-controls">
        {timer.status === 'running' && !done ? (
          <button type="button" className="timer-pause" onClick={() => send({ op: 'pause' })}>
            {t('widgetTimerPause')}
          </button>
        ) : (
          <button type="button" className="timer-play" onClick={() => send({ op: 'play' })}>
            {t('widgetTimerPlay')}
          </button>
        )}
        <button type="button" className="timer-reset" disabled={timer.status === 'idle'} onClick={() => send({ op: 'reset' })}>
          {t('widgetTimerReset')}
        </button>
      </div>
      <TimerNotify className="timer-notify" />
    </div>
  );
}
