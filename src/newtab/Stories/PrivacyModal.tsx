// "Why am I seeing this?" for sponsored stories (Firefox's DSPrivacyModal):
// what a spoc is, what is and is not shared, and a link to the settings
// (CLICK_PRIVACY_INFO, source DS_PRIVACY_MODAL). Escape, the backdrop or Done
// close it; focus stays inside while open and goes back where it was.
import { useEffect, useRef } from 'react';
import { ac } from '../../common/actions';
import { useAppDispatch } from '../lib/hooks';
import { trapFocus } from '../lib/focusTrap';
import { useI18n } from '../lib/i18nContext';

export interface PrivacyModalProps {
  sponsor: string;
  /** The page explaining sponsored stories and data collection (our options page). */
  privacyPageUrl: string;
  onClose(): void;
}

export function PrivacyModal({ sponsor, privacyPageUrl, onClose }: PrivacyModalProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const dialog = useRef<HTMLDivElement>(null);
  const done = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const opener = dialog.current?.ownerDocument.activeElement as HTMLElement | null;
    done.current?.focus();
    return () => opener?.focus();
  }, []);

  return (
    <div className="privacy-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        className="privacy-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="privacy-modal-title"
        aria-describedby="privacy-modal-body"
        onClick={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose();
          } else trapFocus(e, dialog.current);
        }}
      >
        <h2 id="privacy-modal-title">{t('privacyModalTitle')}</h2>
        <p id="privacy-modal-body">{t('privacyModalBody').replace('{sponsor}', sponsor)}</p>
        <p>
          <a
            href={privacyPageUrl}
            target="_blank"
            rel="noopener"
            onClick={() => dispatch(ac.UserEvent({ event: 'CLICK_PRIVACY_INFO', source: 'DS_PRIVACY_MODAL' }))}
          >
            {t('privacyModalLink')}
          </a>
        </p>
        <div className="privacy-actions">
          <button ref={done} type="button" onClick={onClose}>
            {t('privacyModalDone')}
          </button>
        </div>
      </div>
    </div>
  );
}
