// A contextual recommendation, as Firefox's CFR doorhanger: heading, text, the
// primary button, "Why am I seeing this?", an optional "Learn more", Not now,
// Don't show this again and Manage. Each control reports one event; the
// primary, Not now and Don't show this again close it.
import { useId, useState } from 'react';
import type { CfrContent, CfrControl } from '../../common/messaging/types';
import { useI18n } from '../../newtab/lib/i18nContext';
import { safeImageUrl } from '../../newtab/MessageSurfaces/imageUrl';
import './CfrDoorhanger.css';

export interface CfrDoorhangerProps {
  id: string;
  content: CfrContent;
  onControl(id: string, control: CfrControl): void;
}

const CLOSING: ReadonlySet<CfrControl> = new Set(['primary', 'dismiss', 'block']);

export function CfrDoorhanger({ id, content, onControl }: CfrDoorhangerProps) {
  const { t } = useI18n();
  const headingId = useId();
  const [closed, setClosed] = useState(false);
  if (closed) return null;
  const use = (control: CfrControl) => {
    onControl(id, control);
    if (CLOSING.has(control)) setClosed(true);
  };
  const icon = safeImageUrl(content.icon, location.href);
  return (
    <section className="cfr" aria-labelledby={headingId} data-message-id={id}>
      <p className="cfr-kind">{t(content.category === 'cfrAddons' ? 'cfrAddonKind' : 'cfrFeatureKind')}</p>
      <div className="cfr-body">
        {icon && <img className="cfr-icon" src={icon} alt={content.icon_alt ?? ''} width={48} height={48} />}
        <div>
          <h2 id={headingId}>{content.heading_text}</h2>
          {content.addon && (
            <p className="cfr-addon">
              <span>{content.addon.title}</span>
              {content.addon.author && <span className="cfr-author">{content.addon.author}</span>}
            </p>
          )}
          <p>{content.text}</p>
          {content.learn_more && (
            <button type="button" className="link-button" onClick={() => use('learn_more')}>
              {t('cfrLearnMore')}
            </button>
          )}
        </div>
      </div>
      <details className="cfr-rationale" onToggle={(e) => e.currentTarget.open && use('rationale')}>
        <summary>{t('cfrWhy')}</summary>
        <p>{content.rationale}</p>
      </details>
      <div className="cfr-actions">
        <button type="button" onClick={() => use('dismiss')}>
          {t('cfrNotNow')}
        </button>
        <button type="button" className="primary" onClick={() => use('primary')}>
          {content.primary.label}
        </button>
      </div>
      <div className="cfr-footer">
        <button type="button" className="link-button" onClick={() => use('block')}>
          {t('cfrNeverShow')}
        </button>
        <button type="button" className="link-button" onClick={() => use('manage')}>
          {t('cfrManage')}
        </button>
      </div>
    </section>
  );
}
