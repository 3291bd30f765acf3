// Pick the shortcuts to keep: the user's most visited sites and our
// defaults, as the new tab's grid has them. The chosen ones are pinned to the
// first slots, in the grid's order; unticking a pinned one unpins it.
import { useState } from 'react';
import { action, OnlyToMain } from '../../common/actions';
import type { TopSite } from '../../common/topSites/types';
import { useAppDispatch, useAppSelector } from '../../newtab/lib/hooks';
import { useI18n } from '../../newtab/lib/i18nContext';
import { ScreenFrame, type ScreenProps } from './ScreenFrame';

/** Sites a user may pin here: not sponsored, not a search shortcut. */
export function pinnableSites(rows: readonly (TopSite | null)[]): TopSite[] {
  return rows.filter((s): s is TopSite => s !== null && !s.sponsored && !s.searchVendor);
}

export function SitesScreen({ screen, headingRef, report, next }: ScreenProps) {
  const { t } = useI18n();
  const dispatch = useAppDispatch();
  const sites = pinnableSites(useAppSelector((s) => s.TopSites.rows));
  // Ticked: what the user changed, over what is pinned now.
  const [changed, setChanged] = useState<Record<string, boolean>>({});
  const ticked = (site: TopSite) => changed[site.url] ?? Boolean(site.isPinned);

  const pin = () => {
    report('primary_button');
    let slot = 0;
    for (const site of sites) {
      if (ticked(site)) dispatch(OnlyToMain(action('TOP_SITES_PIN', { site: { url: site.url, label: site.label }, index: slot++ })));
      else if (site.isPinned) dispatch(OnlyToMain(action('TOP_SITES_UNPIN', { url: site.url })));
    }
    next();
  };
  return (
    <ScreenFrame
      screen={screen}
      headingRef={headingRef}
      texts={{ title: 'welcomeSitesTitle', subtitle: 'welcomeSitesBody', primary: 'welcomeSitesPin', secondary: 'welcomeNotNow' }}
      onPrimary={pin}
      onSecondary={() => {
        report('secondary_button');
        next();
      }}
    >
      {sites.length === 0 ? (
        <p role="status">{t('welcomeSitesNone')}</p>
      ) : (
        <fieldset className="welcome-sites">
          <legend className="visually-hidden">{t('welcomeSitesTitle')}</legend>
          {sites.map((site) => (
            <label key={site.url} className="welcome-choice">
              <input type="checkbox" checked={ticked(site)} onChange={(e) => setChanged({ ...changed, [site.url]: e.target.checked })} />
              <span>{site.label}</span>
            </label>
          ))}
        </fieldset>
      )}
    </ScreenFrame>
  );
}
