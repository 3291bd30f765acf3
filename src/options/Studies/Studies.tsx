// Studies: whether this profile may be enrolled in experiments (turning it
// off unenrolls from all, reason studies-opt-out), where the recipes come
// from, and the active experiments with their branch, each of which the user
// can leave (reason individual-opt-out).
import { useEffect } from 'react';
import { ac } from '../../common/actions';
import { useAppDispatch, useAppSelector } from '../../newtab/lib/hooks';
import { useI18n } from '../../newtab/lib/i18nContext';
import { UrlPrefField } from '../UrlPrefField/UrlPrefField';

export function Studies() {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const enabled = useAppSelector((s) => s.Prefs.values['studies.enabled']);
  const active = useAppSelector((s) => s.Messaging.experiments);
  useEffect(() => void dispatch(ac.ExperimentsRequest()), [dispatch]);
  return (
    <section className="options-group" aria-labelledby="studies-heading">
      <h2 id="studies-heading">{t('optionsStudiesHeading')}</h2>
      <label className="option-row">
        <input type="checkbox" name="studies.enabled" checked={enabled} onChange={(e) => dispatch(ac.SetPref('studies.enabled', e.target.checked))} />
        <span>{t('prefStudies')}</span>
      </label>
      <UrlPrefField pref="experiments.collection" label="prefExperimentsCollection" placeholder="nimbus-desktop-experiments" type="text" invalid="experimentsCollectionInvalid" />
      {active && active.length === 0 && <p className="explanation">{t('experimentsNone')}</p>}
      {active && active.length > 0 && (
        <ul aria-label={t('experimentsActive')} className="experiments-list">
          {active.map(({ slug, branch }) => (
            <li key={slug} data-experiment={slug}>
              <span>
                {slug} ({t('experimentsBranch')}: {branch})
              </span>{' '}
              <button type="button" aria-label={`${t('experimentsLeave')} ${slug}`} onClick={() => dispatch(ac.ExperimentsLeave(slug))}>
                {t('experimentsLeave')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
