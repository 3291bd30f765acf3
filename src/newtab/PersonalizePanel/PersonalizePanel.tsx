// The slide-in personalize panel (Firefox's Customize menu). Every section
// toggle sets its pref and sends PREF_CHANGED with the seed's source name and
// menu_source CUSTOMIZE_MENU; opening and closing send SHOW_PERSONALIZE /
// HIDE_PERSONALIZE. Esc, the close button and a click outside close it, and
// focus stays inside while it is open, then returns to the opener.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { ac } from '../../common/actions';
import { trapFocus } from '../lib/focusTrap';
import { useAppDispatch, useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { SECTION_TOGGLES, isSubToggle, sectionToggled, toggleDisabled } from '../lib/sectionPrefs';
import { RowsSelect } from '../NumberPrefSelect/NumberPrefSelect';
import { TopicsManager } from '../TopicsManager/TopicsManager';
import { WidgetsPrefs } from '../Widgets/WidgetsPrefs';
import { WALLPAPERS_AVAILABLE } from '../../common/wallpapers/available';
import { WallpaperPicker } from '../Wallpapers/WallpaperPicker';
import './PersonalizePanel.css';

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
    const opener = panel.current?.ownerDocument.activeElement as HTMLElement | null;
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
    } else trapFocus(e, panel.current);
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
          {SECTION_TOGGLES.map((toggle) => (
            <li key={toggle.pref} className={isSubToggle(toggle) ? 'personalize-sub' : undefined}>
              <label className="switch-row">
                <input
                  type="checkbox"
                  role="switch"
                  name={toggle.pref}
                  checked={Boolean(prefs[toggle.pref])}
                  disabled={toggleDisabled(toggle, prefs)}
                  onChange={(e) => sectionToggled(toggle, e.target.checked, 'CUSTOMIZE_MENU').forEach((a) => dispatch(a))}
                />
                <span>{t(toggle.label)}</span>
              </label>
              {toggle.pref === 'feeds.topsites' && <RowsSelect className="rows-row" />}
            </li>
          ))}
          <li className="personalize-widgets">
            <WidgetsPrefs menuSource="CUSTOMIZE_MENU" rowClass="switch-row" subRowClass="personalize-sub" switches />
          </li>
        </ul>
        {prefs['feeds.section.topstories'] && <TopicsManager />}
        {WALLPAPERS_AVAILABLE && <WallpaperPicker menuSource="CUSTOMIZE_MENU" />}
        {openOptionsPage && (
          <button type="button" className="personalize-manage" onClick={openOptionsPage}>
            {t('manageSettings')}
          </button>
        )}
      </div>
    </div>
  );
}
