// "Our sponsors and your privacy" for a sponsored shortcut: who paid, and
// what is and is not sent.
import { useRef } from 'react';
import { useI18n } from '../lib/i18nContext';
import { ModalDialog } from '../ModalDialog/ModalDialog';

export function SponsoredPrivacyDialog({ sponsor, onClose }: { sponsor: string; onClose(): void }) {
  const { t } = useI18n();
  const done = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog title={t('topSitesPrivacyTitle')} onClose={onClose} initialFocus={done}>
      <p>{t('topSitesPrivacyBody').replace('{sponsor}', sponsor)}</p>
      <p>{t('topSitesPrivacyTurnOff')}</p>
      <div className="modal-actions">
        <button ref={done} type="button" className="primary" onClick={onClose}>
          {t('privacyModalDone')}
        </button>
      </div>
    </ModalDialog>
  );
}
