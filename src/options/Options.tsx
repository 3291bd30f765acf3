// Every pref, with telemetry explained in plain words. Changes to sections send
// PREF_CHANGED with menu_source ABOUT_PREFERENCES.
import { useState, type FormEvent } from 'react';
import { ac } from '../common/actions';
import { isAllowedEndpoint, type PrefName } from '../common/prefs';
import type { UserEventSource } from '../common/pings/types';
import { useAppDispatch, useAppSelector } from '../newtab/lib/hooks';
import { useI18n } from '../newtab/lib/i18nContext';
import './Options.css';

interface BooleanPrefRow {
  pref: PrefName;
  label: string;
  /** The PREF_CHANGED source; rows without one send no event (as in Firefox). */
  source?: UserEventSource;
  indent?: boolean;
}

const BOOLEAN_PREFS: readonly BooleanPrefRow[] = [
  { pref: 'showSearch', label: 'prefShowSearch' },
  { pref: 'improvesearch.handoffToAwesomebar', label: 'prefHandoff', indent: true },
  { pref: 'feeds.topsites', label: 'prefTopSites', source: 'TOP_SITES' },
  { pref: 'showSponsoredTopSites', label: 'prefSponsoredTopSites', source: 'SPONSORED_TOP_SITES', indent: true },
  { pref: 'feeds.section.topstories', label: 'prefTopStories', source: 'TOP_STORIES' },
  { pref: 'showSponsored', label: 'prefSponsoredStories', source: 'POCKET_SPOCS', indent: true },
  { pref: 'feeds.section.highlights', label: 'prefHighlights', source: 'HIGHLIGHTS' },
  { pref: 'feeds.snippets', label: 'prefSnippets', source: 'SNIPPETS' },
];

export function Options() {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const prefs = useAppSelector((s) => s.Prefs.values);
  const [endpoint, setEndpoint] = useState<string | null>(null);
  const shownEndpoint = endpoint ?? prefs['telemetry.endpoint'];
  const endpointValid = shownEndpoint === '' || isAllowedEndpoint(shownEndpoint);

  const setBoolean = ({ pref, source }: BooleanPrefRow, status: boolean) => {
    dispatch(ac.SetPref(pref, status));
    if (source) {
      dispatch(ac.UserEvent({ event: 'PREF_CHANGED', source, value: { status, menu_source: 'ABOUT_PREFERENCES' } }));
    }
  };

  const saveEndpoint = (e: FormEvent) => {
    e.preventDefault();
    if (endpointValid) dispatch(ac.SetPref('telemetry.endpoint', shownEndpoint.trim()));
  };

  return (
    <main className="options">
      <h1>{t('optionsTitle')}</h1>
      <fieldset className="options-group">
        <legend className="visually-hidden">{t('optionsTitle')}</legend>
        {BOOLEAN_PREFS.map((row) => (
          <label key={row.pref} className={row.indent ? 'option-row indent' : 'option-row'}>
            <input
              type="checkbox"
              name={row.pref}
              checked={Boolean(prefs[row.pref])}
              onChange={(e) => setBoolean(row, e.target.checked)}
            />
            <span>{t(row.label)}</span>
          </label>
        ))}
        <label className="option-row indent">
          <span>{t('prefTopSitesRows')}</span>
          <select
            name="topSitesRows"
            value={prefs.topSitesRows}
            onChange={(e) => dispatch(ac.SetPref('topSitesRows', Number(e.target.value)))}
          >
            {[1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <section className="options-group" aria-labelledby="telemetry-heading">
        <h2 id="telemetry-heading">{t('prefTelemetry')}</h2>
        <p id="telemetry-explanation" className="explanation">
          {t('telemetryExplanation')}{' '}
          <a href="https://github.com/open-activity-stream/open-activity-stream/blob/main/docs/metrics.md" rel="noreferrer">
            {t('telemetryLearnMore')}
          </a>
        </p>
        <label className="option-row">
          <input
            type="checkbox"
            name="telemetry"
            aria-describedby="telemetry-explanation"
            checked={prefs.telemetry}
            onChange={(e) => dispatch(ac.SetPref('telemetry', e.target.checked))}
          />
          <span>{t('prefTelemetry')}</span>
        </label>
        <form className="endpoint-form" onSubmit={saveEndpoint}>
          <label htmlFor="telemetry-endpoint">{t('telemetryEndpoint')}</label>
          <input
            id="telemetry-endpoint"
            name="telemetry.endpoint"
            type="url"
            value={shownEndpoint}
            placeholder={__TELEMETRY_ENDPOINT__}
            aria-invalid={!endpointValid}
            aria-describedby={endpointValid ? undefined : 'endpoint-error'}
            onChange={(e) => setEndpoint(e.target.value)}
          />
          <button type="submit" disabled={!endpointValid}>
            {t('save')}
          </button>
          {!endpointValid && (
            <p id="endpoint-error" role="alert" className="error">
              {t('telemetryEndpointInvalid')}
            </p>
          )}
        </form>
      </section>
    </main>
  );
}
