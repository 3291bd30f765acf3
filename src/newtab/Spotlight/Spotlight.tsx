// Spotlight: a modal dialog over the new tab (Firefox's spotlight). Labelled by
// its title and described by its body; focus starts on the primary button and
// stays inside; Escape, the close button or a click outside dismiss it.
import { useId, useRef } from 'react';
import type { ButtonId, SpotlightContent } from '../../common/messaging/types';
import { useI18n } from '../lib/i18nContext';
import { ModalDialog } from '../ModalDialog/ModalDialog';
import { safeImageUrl } from '../MessageSurfaces/imageUrl';
import { useMessageImpression, type SurfaceEnvironment } from '../MessageSurfaces/useMessageImpression';
import './Spotlight.css';

export interface SpotlightProps {
  id: string;
  content: SpotlightContent;
  environment: SurfaceEnvironment;
  onImpression(id: string): void;
  onButton(id: string, button: ButtonId): void;
  onDismiss(id: string): void;
}

export function Spotlight({ id, content, environment, onImpression, onButton, onDismiss }: SpotlightProps) {
  const { t } = useI18n();
  const body = useRef<HTMLDivElement>(null);
  const primary = useRef<HTMLButtonElement>(null);
  const bodyId = useId();
  useMessageImpression(body, id, onImpression, environment);
  const logo = safeImageUrl(content.logo, location.href);
  return (
    <ModalDialog title={content.title} onClose={() => onDismiss(id)} initialFocus={primary} className="spotlight" describedBy={bodyId}>
      <div ref={body} className="spotlight-body" data-message-id={id}>
        {logo && <img className="spotlight-logo" src={logo} alt="" width={64} height={64} />}
        <p id={bodyId} className="spotlight-text">
          {content.body}
        </p>
      </div>
      <div className="modal-actions">
        {content.secondary && (
          <button type="button" onClick={() => onButton(id, 'secondary')}>
            {content.secondary.label}
          </button>
        )}
        <button ref={primary} type="button" className="primary" onClick={() => onButton(id, 'primary')}>
          {content.primary.label}
        </button>
      </div>
      <button type="button" className="spotlight-close" aria-label={t('close')} title={t('close')} onClick={() => onDismiss(id)}>
        ×
      </button>
    </ModalDialog>
  );
}
