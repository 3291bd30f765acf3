// An address pref (the telemetry collector, a feed, the messages server) or a
// name that goes with one (the messages collection), edited as text and saved
// only when valid: the same rule the background applies (prefValueError).
import { useId, useState, type FormEvent } from 'react';
import { ac } from '../../common/actions';
import { prefValueError } from '../../common/prefs';
import { useAppDispatch, useAppSelector } from '../../newtab/lib/hooks';
import { useI18n } from '../../newtab/lib/i18nContext';
import './UrlPrefField.css';

export type UrlPrefName =
  | 'telemetry.endpoint'
  | 'discoverystream.feedUrl'
  | 'topsites.sponsoredFeedUrl'
  | 'messaging.remoteServer'
  | 'messaging.remoteCollection'
  | 'experiments.collection'
  | 'onboarding.addonListingUrl';

export interface UrlPrefFieldProps {
  pref: UrlPrefName;
  /** Locale key of the label. */
  label: string;
  /** Shown when empty: what an empty value means. */
  placeholder: string;
  /** 'text' for a name rather than an address. */
  type?: 'url' | 'text';
  /** Locale key of what is wrong with an invalid value. */
  invalid?: string;
}

export function UrlPrefField({ pref, label, placeholder, type = 'url', invalid = 'urlInvalid' }: UrlPrefFieldProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const saved = useAppSelector((s) => s.Prefs.values[pref]);
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  const shown = draft ?? saved;
  const valid = prefValueError(pref, shown.trim()) === null;

  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    dispatch(ac.SetPref(pref, shown.trim()));
    setDraft(null);
  };

  return (
    <form className="url-pref" onSubmit={save}>
      <label htmlFor={`${id}-input`}>{t(label)}</label>
      <input
        id={`${id}-input`}
        name={pref}
        type={type}
        dir="ltr"
        value={shown}
        placeholder={placeholder}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : `${id}-error`}
        onChange={(e) => setDraft(e.target.value)}
      />
      <button type="submit" disabled={!valid || draft === null}>
        {t('save')}
      </button>
      {!valid && (
        <p id={`${id}-error`} role="alert" className="error">
          {t(invalid)}
        </p>
      )}
    </form>
  );
}
