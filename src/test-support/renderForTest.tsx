// Test-only: renders a page component with a real page store and a locale,
// and records what the page sends to the background.
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { Provider } from 'react-redux';
import { BroadcastToContent, action, type Action } from '../common/actions';
import { translator } from '../common/i18n';
import { PREF_DEFAULTS, type PrefValues } from '../common/prefs';
import type { UserEventData } from '../common/pings/types';
import { I18nContext } from '../newtab/lib/i18nContext';
import { initStore } from '../newtab/lib/initStore';

export interface RenderOptions {
  locale?: string;
  prefs?: Partial<PrefValues>;
}

export function renderForTest(ui: ReactElement, { locale = 'en', prefs = {} }: RenderOptions = {}) {
  const sent: Action[] = [];
  const store = initStore({ send: (a) => sent.push(a) });
  // As if the background had answered: the page store then sends everything at once.
  store.dispatch(BroadcastToContent(action('PREFS_INITIAL_VALUES', { ...PREF_DEFAULTS, ...prefs })));
  const wrapper = ({ children }: { children: ReactNode }) => (
    <Provider store={store}>
      <I18nContext.Provider value={translator(locale)}>{children}</I18nContext.Provider>
    </Provider>
  );
  // A wrapper, not a wrapped element, so rerender() keeps the providers.
  const view = render(ui, { wrapper });
  return {
    ...view,
    store,
    sent,
    /** The user events sent so far, in order. */
    userEvents: (): UserEventData[] => sent.flatMap((a) => (a.type === 'TELEMETRY_USER_EVENT' ? [a.data] : [])),
    /** Sent actions other than user events and pref changes. */
    sentOfType: <K extends Action['type']>(type: K) => sent.filter((a): a is Extract<Action, { type: K }> => a.type === type),
  };
}
