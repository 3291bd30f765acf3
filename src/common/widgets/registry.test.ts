import { describe, expect, it } from 'vitest';
import { PREF_DEFAULTS, prefValueError } from '../prefs';
import { USER_EVENT_SOURCES } from '../pings/types';
import { movedOrder, offeredWidgets, orderedWidgets, visibleWidgets, WIDGETS, widgetsAvailable } from './registry';

const ids = (ws: { id: string }[]) => ws.map((w) => w.id);

describe('widget registry', () => {
  it('gives every widget a user pref, a system pref, a size and a telemetry source, all real', () => {
    for (const w of WIDGETS) {
      expect(typeof PREF_DEFAULTS[w.pref]).toBe('boolean');
      expect(typeof PREF_DEFAULTS[w.systemPref]).toBe('boolean');
      expect(USER_EVENT_SOURCES).toContain(w.telemetrySource);
    }
    expect(prefValueError('widgets.order', PREF_DEFAULTS['widgets.order'])).toBeNull();
    expect(ids(orderedWidgets(PREF_DEFAULTS['widgets.order']))).toEqual(ids([...WIDGETS]));
  });

  it('shows every widget by default, in order', () => {
    expect(widgetsAvailable(PREF_DEFAULTS)).toBe(true);
    expect(ids(visibleWidgets(PREF_DEFAULTS))).toEqual(['lists', 'focusTimer']);
  });

  it('hides all with the master switch, one with its own, and offers none when the system says no', () => {
    expect(visibleWidgets({ ...PREF_DEFAULTS, 'widgets.enabled': false })).toEqual([]);
    expect(ids(offeredWidgets({ ...PREF_DEFAULTS, 'widgets.enabled': false }))).toEqual(['lists', 'focusTimer']);
    expect(ids(visibleWidgets({ ...PREF_DEFAULTS, 'widgets.lists.enabled': false }))).toEqual(['focusTimer']);
    const systemOff = { ...PREF_DEFAULTS, 'widgets.system.enabled': false };
    expect(widgetsAvailable(systemOff)).toBe(false);
    expect(offeredWidgets(systemOff)).toEqual([]);
    expect(ids(offeredWidgets({ ...PREF_DEFAULTS, 'widgets.system.focusTimer.enabled': false }))).toEqual(['lists']);
    expect(widgetsAvailable({ ...PREF_DEFAULTS, 'widgets.system.focusTimer.enabled': false, 'widgets.system.lists.enabled': false })).toBe(false);
  });

  it('follows the order pref, dropping unknown and repeated ids and adding missing ones last', () => {
    expect(ids(orderedWidgets('focusTimer,lists'))).toEqual(['focusTimer', 'lists']);
    expect(ids(orderedWidgets('weather,focusTimer,focusTimer'))).toEqual(['focusTimer', 'lists']);
  });

  it('moves a widget one place, and not past either end', () => {
    expect(movedOrder('lists,focusTimer', 'focusTimer', -1)).toEqual({ order: 'focusTimer,lists', position: 0 });
    expect(movedOrder('lists,focusTimer', 'lists', 1)).toEqual({ order: 'focusTimer,lists', position: 1 });
    expect(movedOrder('lists,focusTimer', 'lists', -1)).toBeNull();
    expect(movedOrder('lists,focusTimer', 'focusTimer', 1)).toBeNull();
  });
});
