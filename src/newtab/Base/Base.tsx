// The page shell: header, search, top sites, stories and the personalize panel.
// Each section renders only when its pref is on. A message the background chose
// shows above the header (infobar, spotlight) or after the sections (snippet).
import { useState, type ReactNode } from 'react';
import type { PageKind } from '../../common/actions';
import { useAppSelector } from '../lib/hooks';
import { useI18n } from '../lib/i18nContext';
import { PersonalizePanel } from '../PersonalizePanel/PersonalizePanel';
import './Base.css';

export interface BaseProps {
  page: PageKind;
  search?: ReactNode;
  topSites?: ReactNode;
  stories?: ReactNode;
  highlights?: ReactNode;
  /** The Widgets area; it hides itself when no widget is on. */
  widgets?: ReactNode;
  /** Message surfaces of the top of the page and of its footer. */
  topMessage?: ReactNode;
  footerMessage?: ReactNode;
  openOptionsPage?: () => void;
}

export function Base({ page, search, topSites, widgets, stories, highlights, topMessage, footerMessage, openOptionsPage }: BaseProps) {
  const { t } = useI18n();
  const prefs = useAppSelector((s) => s.Prefs.values);
  const [personalizeOpen, setPersonalizeOpen] = useState(false);
  return (
    <div className="base" data-page={page}>
      {topMessage}
      <header className="base-header">
        <h1 className="base-title">{t(page === 'about:home' ? 'homeTitle' : 'newtabTitle')}</h1>
        <button
          type="button"
          className="personalize-button"
          aria-expanded={personalizeOpen}
          aria-controls="personalize-panel"
          onClick={() => setPersonalizeOpen(true)}
        >
          {t('personalizeButton')}
        </button>
      </header>
      <main className="base-main">
        {prefs.showSearch && (
          <section className="slot slot-search" aria-label={t('searchLabel')}>
            {search}
          </section>
        )}
        {prefs['feeds.topsites'] && (
          <section className="slot slot-topsites" aria-labelledby="topsites-heading">
            <h2 id="topsites-heading" className="slot-heading">
              {t('topSitesHeading')}
            </h2>
            {topSites}
          </section>
        )}
        {widgets}
        {prefs['feeds.section.highlights'] && highlights && (
          <section className="slot slot-highlights" aria-labelledby="highlights-heading">
            <h2 id="highlights-heading" className="slot-heading">
              {t('highlightsHeading')}
            </h2>
            {highlights}
          </section>
        )}
        {prefs['feeds.section.topstories'] && (
          <section className="slot slot-stories" aria-labelledby="stories-heading">
            <h2 id="stories-heading" className="slot-heading">
              {t('storiesHeading')}
            </h2>
            {stories}
          </section>
        )}
      </main>
      {footerMessage}
      {personalizeOpen && <PersonalizePanel onClose={() => setPersonalizeOpen(false)} openOptionsPage={openOptionsPage} />}
    </div>
  );
}
