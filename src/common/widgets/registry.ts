// The one list of widgets: what each is called, which prefs switch it, how
// wide it is and what telemetry calls it. The page's Widgets area, the
// personalize panel, the settings page, user_prefs and the events all read it.
import type { PrefName, PrefValues } from '../prefs';
import type { UserEventSource } from '../pings/types';

export interface WidgetDef {
  id: WidgetId;
  /** Locale key of its name. */
  label: string;
  /** The user's switch. */
  pref: PrefName & `widgets.${string}.enabled`;
  /** The system switch (build or remote config): may this profile have it? */
  systemPref: PrefName & `widgets.system.${string}.enabled`;
  /** Columns it spans in the widgets grid (Firefox's small / medium / large). */
  size: 'small' | 'medium' | 'large';
  /** `source` of its user events. */
  telemetrySource: UserEventSource;
}

export const WIDGET_IDS = ['lists', 'focusTimer'] as const;
export type WidgetId = (typeof WIDGET_IDS)[number];

export const WIDGETS: readonly WidgetDef[] = [
  {
    id: 'lists',
    label: 'widgetListsName',
    pref: 'widgets.lists.enabled',
    systemPref: 'widgets.system.lists.enabled',
    size: 'medium',
    telemetrySource: 'WIDGET_LISTS',
  },
  {
    id: 'focusTimer',
    label: 'widgetTimerName',
    pref: 'widgets.focusTimer.enabled',
    systemPref: 'widgets.system.focusTimer.enabled',
    size: 'small',
    telemetrySource: 'WIDGET_FOCUS_TIMER',
  },
];

/** `source` of the master switch's events. */
export const WIDGETS_SOURCE: UserEventSource = 'WIDGETS';

type WidgetPrefs = Pick<PrefValues, 'widgets.system.enabled' | 'widgets.enabled' | 'widgets.order' | WidgetDef['pref'] | WidgetDef['systemPref']>;

export function widgetDef(id: WidgetId): WidgetDef {
  return WIDGETS.find((w) => w.id === id)!;
}

/** The area exists for this profile: the system allows widgets and allows at least one. */
export function widgetsAvailable(prefs: WidgetPrefs): boolean {
  return prefs['widgets.system.enabled'] && WIDGETS.some((w) => prefs[w.systemPref]);
}

/** Every widget in the user's order: ids from the pref first (unknown and repeated ones dropped), then the rest in registry order. */
export function orderedWidgets(order: string): WidgetDef[] {
  const ids = order.split(',').filter((id, i, all): id is WidgetId => (WIDGET_IDS as readonly string[]).includes(id) && all.indexOf(id) === i);
  return [...ids.map(widgetDef), ...WIDGETS.filter((w) => !ids.includes(w.id))];
}

/** The widgets the system allows, in the user's order (the personalize panel lists these). */
export function offeredWidgets(prefs: WidgetPrefs): WidgetDef[] {
  return prefs['widgets.system.enabled'] ? orderedWidgets(prefs['widgets.order']).filter((w) => prefs[w.systemPref]) : [];
}

/** The widgets on show: allowed by the system, with the master switch and their own switch on, in order. */
export function visibleWidgets(prefs: WidgetPrefs): WidgetDef[] {
  return prefs['widgets.enabled'] ? offeredWidgets(prefs).filter((w) => prefs[w.pref]) : [];
}

/** The order pref after moving `id` by `delta` places among all widgets; null when it cannot move. */
export function movedOrder(order: string, id: WidgetId, delta: -1 | 1): { order: string; position: number } | null {
  const ids = orderedWidgets(order).map((w) => w.id);
  const from = ids.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  [ids[from], ids[to]] = [ids[to]!, ids[from]!];
  return { order: ids.join(','), position: to };
}
