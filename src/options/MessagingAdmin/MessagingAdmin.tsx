// The messaging admin section (Firefox's about:newtab#devtools): what product
// teams check before a message ships. Providers with their state and last
// error; every message with its targeting result (and why it failed),
// impressions, caps and blocked state; show a message now on the open new tabs,
// unblock it, reset impressions, reload providers. The background answers every
// command with the fresh state.
import { useEffect, useId, useState } from 'react';
import { ac } from '../../common/actions';
import type { AdminMessageRow, ProviderState, TargetingResult } from '../../common/messaging/types';
import { useAppDispatch, useAppSelector } from '../../newtab/lib/hooks';
import { useI18n } from '../../newtab/lib/i18nContext';
import './MessagingAdmin.css';

const PROVIDER_STATE_KEYS: Record<ProviderState['state'], string> = {
  ok: 'adminProviderOk',
  error: 'adminProviderError',
  empty: 'adminProviderEmpty',
  loading: 'adminProviderLoading',
};

function targetingLabel(targeting: TargetingResult, t: (key: string) => string): string {
  if (targeting.result === 'error') return `${t('adminTargetingError')}: ${targeting.reason}`;
  return t(targeting.result ? 'adminTargetingTrue' : 'adminTargetingFalse');
}

export function MessagingAdmin() {
  const { t, locale } = useI18n();
  const dispatch = useAppDispatch();
  const admin = useAppSelector((s) => s.Messaging.admin);
  const [status, setStatus] = useState('');
  const headingId = useId();
  useEffect(() => {
    dispatch(ac.MessagingAdminRequest());
  }, [dispatch]);

  const when = (ms: number | undefined) => (ms === undefined ? '–' : new Date(ms).toLocaleString(locale));
  const showNow = (id: string) => {
    dispatch(ac.MessagingAdminShow(id));
    setStatus(t('adminShown'));
  };

  return (
    <section className="options-group messaging-admin" id="messaging" aria-labelledby={headingId} aria-busy={admin === null}>
      <h2 id={headingId}>{t('adminHeading')}</h2>
      <p className="explanation">{t('adminExplanation')}</p>
      <div className="admin-commands">
        <button type="button" onClick={() => dispatch(ac.MessagingAdminReload())}>
          {t('adminReload')}
        </button>
        <button type="button" onClick={() => dispatch(ac.MessagingAdminResetImpressions())}>
          {t('adminResetImpressions')}
        </button>
      </div>
      <p role="status" className="admin-status">
        {status}
      </p>
      {admin === null ? (
        <p>{t('adminLoading')}</p>
      ) : (
        <>
          <div className="admin-table-wrap">
            <table className="admin-providers">
              <caption>{t('adminProviders')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('adminProvider')}</th>
                  <th scope="col">{t('adminState')}</th>
                  <th scope="col">{t('adminMessageCount')}</th>
                  <th scope="col">{t('adminLastUpdated')}</th>
                  <th scope="col">{t('adminLastError')}</th>
                </tr>
              </thead>
              <tbody>
                {admin.providers.map((provider) => (
                  <tr key={provider.id} data-provider-id={provider.id} data-state={provider.state}>
                    <th scope="row">
                      {provider.id} ({provider.type})
                    </th>
                    <td>{provider.enabled ? t(PROVIDER_STATE_KEYS[provider.state]) : t('adminProviderOff')}</td>
                    <td>{provider.messageCount}</td>
                    <td>{when(provider.lastUpdated)}</td>
                    <td className="admin-error">{provider.lastError ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="admin-table-wrap">
            <table className="admin-messages">
              <caption>{t('adminMessages')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('adminMessage')}</th>
                  <th scope="col">{t('adminTargeting')}</th>
                  <th scope="col">{t('adminImpressions')}</th>
                  <th scope="col">{t('adminBlocked')}</th>
                  <th scope="col">{t('adminActions')}</th>
                </tr>
              </thead>
              <tbody>
                {admin.messages.map((message) => (
                  <MessageRow key={message.id} message={message} onShow={showNow} />
                ))}
              </tbody>
            </table>
          </div>
          {admin.groups.length > 0 && (
            <div className="admin-table-wrap">
              <table className="admin-groups">
                <caption>{t('adminGroups')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('adminGroup')}</th>
                    <th scope="col">{t('adminState')}</th>
                    <th scope="col">{t('adminImpressions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {admin.groups.map((group) => (
                    <tr key={group.id} data-group-id={group.id}>
                      <th scope="row">{group.id}</th>
                      <td>{t(group.enabled ? 'adminGroupOn' : 'adminGroupOff')}</td>
                      <td>{group.impressions}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function MessageRow({ message, onShow }: { message: AdminMessageRow; onShow(id: string): void }) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const idCell = useId();
  return (
    <tr
      data-message-id={message.id}
      data-targeting={String(message.targeting.result)}
      data-impressions={message.impressions}
      data-blocked={message.blocked}
      data-capped={message.capped}
    >
      <th scope="row" id={idCell}>
        <span className="admin-message-id">{message.id}</span>
        <span className="admin-detail">
          {message.template} · {message.provider} · {t('adminPriority')} {message.priority} · {message.trigger}
          {message.groups.length > 0 && ` · ${message.groups.join(', ')}`}
        </span>
      </th>
      <td className={message.targeting.result === 'error' ? 'admin-error' : undefined}>{targetingLabel(message.targeting, t)}</td>
      <td>
        {message.impressions}
        {message.cap && <span className="admin-detail">{message.cap}</span>}
        {message.capped && <span className="admin-detail admin-capped">{t('adminCapped')}</span>}
      </td>
      <td>{t(message.blocked ? 'adminYes' : 'adminNo')}</td>
      <td className="admin-row-actions">
        <button type="button" aria-describedby={idCell} onClick={() => onShow(message.id)}>
          {t('adminShow')}
        </button>
        <button type="button" aria-describedby={idCell} disabled={!message.blocked} onClick={() => dispatch(ac.MessagingAdminUnblock(message.id))}>
          {t('adminUnblock')}
        </button>
      </td>
    </tr>
  );
}
