// The slide-in personalize panel (Firefox's Customize menu). Every toggle sets
// its pref and sends PREF_CHANGED with the seed's source name; opening and
// closing send SHOW_PERSONALIZE / HIDE_PERSONALIZE. Esc and the close button
// close it, and focus stays inside while it is open.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { ac } from '../../common/actions';
import type { PrefName } from '../../common/prefs';
import type { UserEventSource } from '../../common/pings/types';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import './PersonalizePanel.css';

/** Toggle → pref → the source its PREF_CHANGED event carries. */
export const PERSONALIZE_TOGGLES: readonly { pref: PrefName; label: string; source: UserEventSource }[] = [
  { pref: 'feeds.topsites', label: 'prefTopSites', source: 'TOP_SITES' },
  { pref: 'showSponsoredTopSites', label: 'prefSponsoredTopSites', source: 'SPONSORED_TOP_SITES' },
  { pref: 'feeds.section.topstories', label: 'prefTopStories', source: 'TOP_STORIES' },
  { pref: 'showSponsored', label: 'prefSponsoredStories', source: 'POCKET_SPOCS' },
  { pref: 'feeds.section.highlights', label: 'prefHighlights', source: 'HIGHLIGHTS' },
  { pref: 'feeds.snippets', label: 'prefSnippets', source: 'SNIPPETS' },
];

export interface PersonalizePanelProps {
  onClose(): void;
  openOptionsPage?: () => void;
}

export function PersonalizePanel({ onClose, openOptionsPage }: PersonalizePanelProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const prefs = useAppSelector((s) => s.Prefs.values);
  const panel = useRef<HTMLDivElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    dispatch(ac.UserEvent({ event: 'SHOW_PERSONALIZE' }));
    closeButton.current?.focus();
    return () => opener?.focus();
  }, [dispatch]);

  const close = () => {
    dispatch(ac.UserEvent({ event: 'HIDE_PERSONALIZE' }));
    onClose();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    } else if (e.key === 'Tab' && panel.current) {
      const focusable = panel.current.querySelectorAll<HTMLElement>('button, input, select, a[href]');
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first?.focus();
      }
    }
  };

  const toggle = (pref: PrefName, source: UserEventSource, status: boolean) => {
    dispatch(ac.SetPref(pref, status));
    dispatch(
      ac.UserEvent({ event: 'PREF_CHANGED', source, value: { status, menu_source: 'CUSTOMIZE_MENU' } }),
    );
  };

  return (
    <div className="personalize-backdrop" onClick={close}>
      <div
        id="personalize-panel"
        ref={panel}
        className="personalize-panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby="personalize-title"
        onKeyDown={onKeyDown}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="personalize-head">
          <h2 id="personalize-title">{t('personalizeButton')}</h2>
          <button ref={closeButton} type="button" className="personalize-close" aria-label={t('close')} onClick={close}>
            ×
          </button>
        </div>
        <ul className="personalize-list">
          {PERSONALIZE_TOGGLES.map(({ pref, label, source }) => (
            <li key={pref}>
              <label className="switch-row">
                <input
                  type="checkbox"
                  role="switch"
                  name={pref}
                  checked={Boolean(prefs[pref])}
                  onChange={(e) => toggle(pref, source, e.target.checked)}
                />
                <span>{t(label)}</span>
              </label>
              {pref === 'feeds.topsites' && (
                <label className="rows-row">
                  <span>{t('prefTopSitesRows')}</span>
                  <select
                    name="topSitesRows"
                    value={prefs.topSitesRows}
                    disabled={!prefs['feeds.topsites']}
                    onChange={(e) => dispatch(ac.SetPref('topSitesRows', Number(e.target.value)))}
                  >
                    {[1, 2, 3, 4].map((n) => (
                      <option key={n} value={n}>
                        {n}
                      </option>
                    ))}
                  </select>
                </label>
              )}
            </li>
          ))}
          <li>
            <label className="switch-row">
              <input
                type="checkbox"
                role="switch"
                name="telemetry"
                checked={prefs.telemetry}
                onChange={(e) => dispatch(ac.SetPref('telemetry', e.target.checked))}
              />
              <span>{t('prefTelemetry')}</span>
            </label>
          </li>
        </ul>
        {openOptionsPage && (
          <button type="button" className="personalize-manage" onClick={openOptionsPage}>
            {t('manageSettings')}
          </button>
        )}
      </div>
    </div>
  );
}
