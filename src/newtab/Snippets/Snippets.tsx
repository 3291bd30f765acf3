// Snippets: the footer bar of the new tab (Firefox's simple snippet, source
// NEWTAB_FOOTER_BAR). Text, an optional icon and button, and a dismiss button
// that blocks the message for good. Text is rendered as text, never as HTML.
import { useRef } from 'react';
import type { ButtonId, SnippetContent } from '../../common/messaging/types';
import { useI18n } from '../lib/i18nContext';
import { safeImageUrl } from '../MessageSurfaces/imageUrl';
import { useMessageImpression, type SurfaceEnvironment } from '../MessageSurfaces/useMessageImpression';
import './Snippets.css';

export interface SnippetProps {
  id: string;
  content: SnippetContent;
  environment: SurfaceEnvironment;
  onImpression(id: string): void;
  onButton(id: string, button: ButtonId): void;
  onBlock(id: string): void;
}

export function Snippet({ id, content, environment, onImpression, onButton, onBlock }: SnippetProps) {
  const { t } = useI18n();
  const bar = useRef<HTMLElement>(null);
  useMessageImpression(bar, id, onImpression, environment);
  const icon = safeImageUrl(content.icon, location.href);
  return (
    <aside ref={bar} className="snippet" aria-label={t('snippetLabel')} data-message-id={id}>
      {icon && <img className="snippet-icon" src={icon} alt={content.icon_alt_text ?? ''} width={48} height={48} />}
      <p className="snippet-text">{content.text}</p>
      {content.button && (
        <button type="button" className="snippet-button" onClick={() => onButton(id, 'button')}>
          {content.button.label}
        </button>
      )}
      <button type="button" className="snippet-block" aria-label={t('snippetBlock')} title={t('snippetBlock')} onClick={() => onBlock(id)}>
        ×
      </button>
    </aside>
  );
}
