// The widgets' switches, shared by the personalize panel and the settings
// page: the master switch, then each widget the system allows with its own
// switch and Move up / Move down. When the system switch is off, only a note
// says so. Switches send PREF_CHANGED (source WIDGETS or the widget's),
// moves WIDGETS_REORDER with the new position.
import { ac } from '../../common/actions';
import type { PrefMenuSource } from '../../common/pings/types';
import { WIDGETS_SOURCE, movedOrder, offeredWidgets, orderedWidgets, widgetsAvailable, type WidgetDef } from '../../common/widgets/registry';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import './Widgets.css';

export interface WidgetsPrefsProps {
  menuSource: PrefMenuSource;
  /** Class names of a row and a sub-row, so each place keeps its own look. */
  rowClass: string;
  subRowClass: string;
  /** The panel draws switches; the settings page, checkboxes. */
  switches?: boolean;
}

export function WidgetsPrefs({ menuSource, rowClass, subRowClass, switches = false }: WidgetsPrefsProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const prefs = useAppSelector((s) => s.Prefs.values);
  if (!widgetsAvailable(prefs)) {
    return <p className={`${rowClass} widgets-unavailable`}>{t('widgetsUnavailable')}</p>;
  }
  const master = prefs['widgets.enabled'];
  const offered = offeredWidgets(prefs);
  const all = orderedWidgets(prefs['widgets.order']);
  const toggle = (pref: WidgetDef['pref'] | 'widgets.enabled', source: WidgetDef['telemetrySource'], status: boolean) => {
    dispatch(ac.SetPref(pref, status));
    dispatch(ac.UserEvent({ event: 'PREF_CHANGED', source, value: { status, menu_source: menuSource } }));
  };
  const move = (w: WidgetDef, delta: -1 | 1) => {
    const moved = movedOrder(prefs['widgets.order'], w.id, delta);
    if (!moved) return;
    dispatch(ac.SetPref('widgets.order', moved.order));
    dispatch(ac.UserEvent({ event: 'WIDGETS_REORDER', source: w.telemetrySource, action_position: moved.position }));
  };
  return (
    <>
      <label className={rowClass}>
        <input
          type="checkbox"
          role={switches ? 'switch' : undefined}
          name="widgets.enabled"
          checked={master}
          onChange={(e) => toggle('widgets.enabled', WIDGETS_SOURCE, e.target.checked)}
        />
        <span>{t('prefWidgets')}</span>
      </label>
      <fieldset className="widgets-order" name="widgets.order" aria-label={t('widgetsOrder')}>
      {offered.map((w) => {
        const index = all.indexOf(w);
        return (
          <div key={w.id} className={`${subRowClass} widget-pref`} data-widget={w.id}>
            <label>
              <input
                type="checkbox"
                role={switches ? 'switch' : undefined}
                name={w.pref}
                checked={prefs[w.pref]}
                disabled={!master}
                onChange={(e) => toggle(w.pref, w.telemetrySource, e.target.checked)}
              />
              <span>{t(w.label)}</span>
            </label>
            <button
              type="button"
              className="widget-move-up"
              aria-label={`${t('widgetMoveUp')}: ${t(w.label)}`}
              disabled={!master || index === 0}
              onClick={() => move(w, -1)}
            >
              ↑
            </button>
            <button
              type="button"
              className="widget-move-down"
              aria-label={`${t('widgetMoveDown')}: ${t(w.label)}`}
              disabled={!master || index === all.length - 1}
              onClick={() => move(w, 1)}
            >
              ↓
            </button>
          </div>
        );
      })}
      </fieldset>
    </>
  );
}
