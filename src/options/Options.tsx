// Our about:preferences#home: every pref, with telemetry explained in plain
// words and a link to the full list of what we collect (bundled, below).
// Section switches send PREF_CHANGED with menu_source ABOUT_PREFERENCES.
import { Fragment } from 'react';
import { ac } from '../common/actions';
import type { PrefName } from '../common/prefs';
import { useAppDispatch, useAppSelector } from '../newtab/lib/hooks';
import { useI18n } from '../newtab/lib/i18nContext';
import { SECTION_TOGGLES, isSubToggle, sectionToggled, toggleDisabled, type SectionToggle } from '../newtab/lib/sectionPrefs';
import { BatchDelaySelect, RowsSelect } from '../newtab/NumberPrefSelect/NumberPrefSelect';
import { WALLPAPERS_AVAILABLE } from '../common/wallpapers/available';
import { WallpaperPicker } from '../newtab/Wallpapers/WallpaperPicker';
import { MessagingAdmin } from './MessagingAdmin/MessagingAdmin';
import { Metrics } from './Metrics/Metrics';
import { SettingsBackup } from './SettingsBackup/SettingsBackup';
import { Studies } from './Studies/Studies';
import { UrlPrefField } from './UrlPrefField/UrlPrefField';
import { WidgetsPrefs } from '../newtab/Widgets/WidgetsPrefs';
import { TimerDurations } from '../newtab/Widgets/TimerDurations';
import { WidgetsSystemPrefs } from './WidgetsSystemPrefs';
import './Options.css';

/** Switches that are not content sections: Firefox sends no event for them. */
interface PlainToggle {
  pref: PrefName;
  label: string;
  parent?: PrefName;
}

const SEARCH_TOGGLES: readonly PlainToggle[] = [
  { pref: 'showSearch', label: 'prefShowSearch' },
  { pref: 'improvesearch.handoffToAwesomebar', label: 'prefHandoff', parent: 'showSearch' },
];

const RECOMMENDATION_TOGGLES: readonly PlainToggle[] = [
  { pref: 'asrouter.userprefs.cfr.addons', label: 'prefCfrAddons' },
  { pref: 'asrouter.userprefs.cfr.features', label: 'prefCfrFeatures' },
  { pref: 'messaging.whatsNewNotifications', label: 'whatsNewNotify' },
];

export function Options() {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const prefs = useAppSelector((s) => s.Prefs.values);

  const checkbox = (toggle: PlainToggle | SectionToggle, onChange: (status: boolean) => void) => (
    <label key={toggle.pref} className={('source' in toggle ? isSubToggle(toggle) : toggle.parent) ? 'option-row indent' : 'option-row'}>
      <input
        type="checkbox"
        name={toggle.pref}
        checked={Boolean(prefs[toggle.pref])}
        disabled={'source' in toggle ? toggleDisabled(toggle, prefs) : Boolean(toggle.parent && !prefs[toggle.parent])}
        onChange={(e) => onChange(e.target.checked)}
      />
      <span>{t(toggle.label)}</span>
    </label>
  );
  const plain = (toggle: PlainToggle) => checkbox(toggle, (status) => dispatch(ac.SetPref(toggle.pref, status)));
  const section = (toggle: SectionToggle) =>
    checkbox(toggle, (status) => sectionToggled(toggle, status, 'ABOUT_PREFERENCES').forEach((a) => dispatch(a)));

  return (
    <main className="options">
      <h1>{t('optionsTitle')}</h1>
      <section className="options-group" aria-labelledby="content-heading">
        <h2 id="content-heading">{t('optionsContentHeading')}</h2>
        {SEARCH_TOGGLES.map(plain)}
        {SECTION_TOGGLES.map((toggle) => (
          <Fragment key={toggle.pref}>
            {section(toggle)}
            {toggle.pref === 'feeds.topsites' && <RowsSelect className="option-row indent" />}
          </Fragment>
        ))}
        {RECOMMENDATION_TOGGLES.map(plain)}
      </section>
      <section className="options-group" aria-labelledby="widgets-heading">
        <h2 id="widgets-heading">{t('widgetsHeading')}</h2>
        <WidgetsPrefs menuSource="ABOUT_PREFERENCES" rowClass="option-row" subRowClass="option-row indent" />
        <TimerDurations />
        <WidgetsSystemPrefs />
      </section>
      {WALLPAPERS_AVAILABLE && (
        <div className="options-group">
          <WallpaperPicker menuSource="ABOUT_PREFERENCES" />
        </div>
      )}
      <section className="options-group" aria-labelledby="sources-heading">
        <h2 id="sources-heading">{t('optionsSourcesHeading')}</h2>
        <UrlPrefField pref="discoverystream.feedUrl" label="prefStoriesFeedUrl" placeholder={t('feedUrlPlaceholder')} />
        <UrlPrefField pref="topsites.sponsoredFeedUrl" label="prefSponsoredFeedUrl" placeholder={t('feedUrlPlaceholder')} />
        <UrlPrefField pref="messaging.remoteServer" label="prefMessagingServer" placeholder={t('messagingServerPlaceholder')} />
        <UrlPrefField
          pref="messaging.remoteCollection"
          label="prefMessagingCollection"
          placeholder="nimbus-messages"
          type="text"
          invalid="messagingCollectionInvalid"
        />
        <UrlPrefField
          pref="onboarding.addonListingUrl"
          label="prefAddonListingUrl"
          placeholder="https://addons.mozilla.org/firefox/addon/%ID%/"
          type="text"
          invalid="addonListingUrlInvalid"
        />
      </section>
      <section className="options-group" aria-labelledby="telemetry-heading">
        <h2 id="telemetry-heading">{t('prefTelemetry')}</h2>
        <p id="telemetry-explanation" className="explanation">
          {t('telemetryExplanation')} <a href="#metrics">{t('telemetryLearnMore')}</a>
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
        <UrlPrefField pref="telemetry.endpoint" label="telemetryEndpoint" placeholder={__TELEMETRY_ENDPOINT__} />
        <BatchDelaySelect />
      </section>
      <SettingsBackup />
      <Studies />
      <MessagingAdmin />
      <Metrics />
    </main>
  );
}
