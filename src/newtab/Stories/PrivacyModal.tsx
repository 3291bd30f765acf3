// "Why am I seeing this?" for sponsored stories (Firefox's DSPrivacyModal):
// what a spoc is, what is and is not shared, and a link to the settings
// (CLICK_PRIVACY_INFO, source DS_PRIVACY_MODAL). Escape, the backdrop or Done
// close it.
import { useRef } from 'react';
import { ac } from '../../common/actions';
import { useAppDispatch } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { ModalDialog } from '../ModalDialog/ModalDialog';

export interface PrivacyModalProps {
  sponsor: string;
  /** The page explaining sponsored stories and data collection (our options page). */
  privacyPageUrl: string;
  onClose(): void;
}

export function PrivacyModal({ sponsor, privacyPageUrl, onClose }: PrivacyModalProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const done = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog title={t('privacyModalTitle')} onClose={onClose} initialFocus={done} className="privacy-modal">
      <p>{t('privacyModalBody').replace('{sponsor}', sponsor)}</p>
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
      <div className="modal-actions">
        <button ref={done} type="button" className="primary" onClick={onClose}>
          {t('privacyModalDone')}
        </button>
      </div>
    </ModalDialog>
  );
}
