// Firefox asks before an extension collects data, and we leave the optional
// `technicalAndInteraction` permission off until the user grants it here (or
// in about:addons). Nothing shows where the browser has no such permission.
import { useEffect, useState } from 'react';
import type { DataCollectionPermission } from '../common/dataCollectionPermission';
import { useI18n } from '../newtab/lib/i18nContext';

export interface DataCollectionConsentProps {
  permission: Pick<DataCollectionPermission, 'isSupported' | 'isGranted' | 'request'>;
}

type ConsentState = 'unknown' | 'unsupported' | 'ask' | 'granted';

export function DataCollectionConsent({ permission }: DataCollectionConsentProps) {
  const { t } = useI18n();
  const [state, setState] = useState<ConsentState>('unknown');

  useEffect(() => {
    let live = true;
    void (async () => {
      const next = !(await permission.isSupported()) ? 'unsupported' : (await permission.isGranted()) ? 'granted' : 'ask';
      if (live) setState(next);
    })();
    return () => {
      live = false;
    };
  }, [permission]);

  if (state === 'unknown' || state === 'unsupported') return null;
  // permissions.request needs the click's user gesture: call it before any await.
  const grant = () =>
    void permission.request().then(
      (granted) => setState(granted ? 'granted' : 'ask'),
      () => setState('ask'),
    );
  return (
    <section className="welcome-consent" aria-labelledby="welcome-consent-heading">
      <h2 id="welcome-consent-heading">{t('dataCollectionHeading')}</h2>
      <p>{t('dataCollectionBody')}</p>
      {state === 'granted' ? (
        <p role="status">{t('dataCollectionGranted')}</p>
      ) : (
        <button type="button" className="primary" onClick={grant}>
          {t('dataCollectionGrant')}
        </button>
      )}
    </section>
  );
}
