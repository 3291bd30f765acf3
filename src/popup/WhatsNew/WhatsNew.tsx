// The popup's What's new view (Firefox's What's New panel): every what's-new
// message, newest first, with its date, optional icon and link. Its showing is
// reported once with the ids shown; the checkbox turns the toolbar badge for
// new messages on or off.
import { useEffect, useId } from 'react';
import type { WhatsNewItem } from '../../common/messaging/types';
import { useI18n } from '../../newtab/lib/i18nContext';
import { safeImageUrl } from '../../newtab/MessageSurfaces/imageUrl';
import './WhatsNew.css';

export interface WhatsNewProps {
  items: WhatsNewItem[];
  notify: boolean;
  onViewed(ids: string[]): void;
  onClick(id: string): void;
  onToggleNotify(value: boolean): void;
}

export function WhatsNew({ items, notify, onViewed, onClick, onToggleNotify }: WhatsNewProps) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const ids = items.map((i) => i.id).join(',');
  useEffect(() => {
    if (ids) onViewed(ids.split(','));
  }, [ids, onViewed]);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  return (
    <section className="whats-new" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('whatsNewHeading')}</h2>
      {items.length === 0 ? (
        <p className="whats-new-empty">{t('whatsNewEmpty')}</p>
      ) : (
        <ul className="whats-new-list">
          {items.map(({ id, content }) => {
            const icon = safeImageUrl(content.icon_url, location.href);
            return (
              <li key={id} className="whats-new-item" data-message-id={id}>
                {icon && <img className="whats-new-icon" src={icon} alt={content.icon_alt ?? ''} width={32} height={32} />}
                <div>
                  <time dateTime={new Date(content.published_date).toISOString()}>{date.format(content.published_date)}</time>
                  <h3>{content.title}</h3>
                  <p>{content.body}</p>
                  {content.cta_url && content.link_text && (
                    <button type="button" className="link-button" onClick={() => onClick(id)}>
                      {content.link_text}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <label className="whats-new-notify">
        <input type="checkbox" checked={notify} onChange={(e) => onToggleNotify(e.target.checked)} />
        {t('whatsNewNotify')}
      </label>
    </section>
  );
}
