// Studies: whether this profile may be enrolled in experiments (turning it
// off unenrolls from all, reason studies-opt-out), where the recipes come
// from, and the active experiments with their branch, each of which the user
// can leave (reason individual-opt-out); for testing, the admin part forces
// a branch of any recipe the collection has (reason force-enrollment for the
// branch it replaces).
import { useEffect, useState } from 'react';
import type { KnownRecipe } from '../../common/experiments/types';
import { ac } from '../../common/actions';
import { useAppDispatch, useAppSelector } from '../../newtab/lib/hooks';
import { useI18n } from '../../newtab/lib/i18nContext';
import { UrlPrefField } from '../UrlPrefField/UrlPrefField';

export function Studies() {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const enabled = useAppSelector((s) => s.Prefs.values['studies.enabled']);
  const state = useAppSelector((s) => s.Messaging.experiments);
  const active = state?.active ?? null;
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
          {active.map(({ slug, branch, forced }) => (
            <li key={slug} data-experiment={slug}>
              <span>
                {slug} ({t('experimentsBranch')}: {branch}
                {forced ? `, ${t('experimentsForced')}` : ''})
              </span>{' '}
              <button type="button" aria-label={`${t('experimentsLeave')} ${slug}`} onClick={() => dispatch(ac.ExperimentsLeave(slug))}>
                {t('experimentsLeave')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {state && state.recipes.length > 0 && <ForceBranch recipes={state.recipes} />}
    </section>
  );
}

/** Admin, for testing: enroll this profile in a chosen branch of a known recipe. */
function ForceBranch({ recipes }: { recipes: KnownRecipe[] }) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const [choice, setChoice] = useState<Record<string, string>>({});
  return (
    <fieldset className="experiments-force">
      <legend>{t('experimentsForceHeading')}</legend>
      {recipes.map(({ slug, branches }) => (
        <div key={slug} className="option-row">
          <label>
            <span>{slug}</span>{' '}
            <select value={choice[slug] ?? branches[0]} onChange={(e) => setChoice({ ...choice, [slug]: e.target.value })}>
              {branches.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" aria-label={`${t('experimentsForce')} ${slug}`} onClick={() => dispatch(ac.ExperimentsForce(slug, choice[slug] ?? branches[0]!))}>
            {t('experimentsForce')}
          </button>
        </div>
      ))}
    </fieldset>
  );
}
