// The Widgets area below the search box and shortcuts: the widgets the system
// allows and the user has on, in the user's order (common/widgets/registry.ts).
import type { ReactNode } from 'react';
import { visibleWidgets, type WidgetId } from '../../common/widgets/registry';
import { useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { Lists } from './Lists';
import { FocusTimer } from './FocusTimer';
import './Widgets.css';

export function Widgets() {
  const { t } = useI18n();
  const prefs = useAppSelector((s) => s.Prefs.values);
  const widgets = visibleWidgets(prefs);
  if (widgets.length === 0) return null;
  const body: Record<WidgetId, ReactNode> = {
    lists: <Lists />,
    focusTimer: <FocusTimer />,
  };
  return (
    <section className="slot slot-widgets" aria-labelledby="widgets-heading">
      <h2 id="widgets-heading" className="slot-heading">
        {t('widgetsHeading')}
      </h2>
      <div className="widgets-grid">
        {widgets.map((w) => (
          <section key={w.id} className={`widget widget-${w.size}`} data-widget={w.id} aria-labelledby={`widget-${w.id}-title`}>
            <h3 id={`widget-${w.id}-title`} className="widget-title">
              {t(w.label)}
            </h3>
            {body[w.id]}
          </section>
        ))}
      </div>
    </section>
  );
}
