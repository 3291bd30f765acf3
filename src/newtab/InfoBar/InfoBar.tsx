// InfoBar: a bar across the top of the new tab with a message, a primary and
// an optional secondary button, and a close button (DISMISSED). Text only.
import { useRef } from 'react';
import type { ButtonId, InfoBarContent } from '../../common/messaging/types';
import { useI18n } from '../lib/i18nContext';
import { useMessageImpression, type SurfaceEnvironment } from '../MessageSurfaces/useMessageImpression';
import './InfoBar.css';

export interface InfoBarProps {
  id: string;
  content: InfoBarContent;
  environment: SurfaceEnvironment;
  onImpression(id: string): void;
  onButton(id: string, button: ButtonId): void;
  onDismiss(id: string): void;
}

export function InfoBar({ id, content, environment, onImpression, onButton, onDismiss }: InfoBarProps) {
  const { t } = useI18n();
  const bar = useRef<HTMLDivElement>(null);
  useMessageImpression(bar, id, onImpression, environment);
  return (
    <div ref={bar} className="infobar" role="region" aria-label={t('infoBarLabel')} data-message-id={id}>
      <p className="infobar-text">{content.text}</p>
      <div className="infobar-buttons">
        <button type="button" className="infobar-primary" onClick={() => onButton(id, 'primary')}>
          {content.primary.label}
        </button>
        {content.secondary && (
          <button type="button" className="infobar-secondary" onClick={() => onButton(id, 'secondary')}>
            {content.secondary.label}
          </button>
        )}
      </div>
      <button type="button" className="infobar-close" aria-label={t('close')} title={t('close')} onClick={() => onDismiss(id)}>
        ×
      </button>
    </div>
  );
}
