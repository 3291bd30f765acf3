import type { ReactNode } from 'react';
import { useI18n } from '../newtab/lib/i18nContext';
import './Welcome.css';

export interface WelcomeProps {
  openNewTab(): void;
  openOptionsPage(): void;
  /** Firefox's data-collection consent, when the browser has one. */
  consent?: ReactNode;
}

export function Welcome({ openNewTab, openOptionsPage, consent }: WelcomeProps) {
  const { t } = useI18n();
  return (
    <main className="welcome">
      <h1>{t('welcomeTitle')}</h1>
      <p>{t('welcomeBody')}</p>
      <div className="welcome-actions">
        <button type="button" className="primary" onClick={openNewTab}>
          {t('welcomeStart')}
        </button>
        <button type="button" className="secondary" onClick={openOptionsPage}>
          {t('welcomeSettings')}
        </button>
      </div>
      {consent}
    </main>
  );
}
