// Sample experiment recipes (Nimbus-shaped, docs in README "Experiments") for
// the local feed server's collection `sample-experiments` (pref
// 'experiments.collection'): one that changes the welcome screens and one
// that tries a spotlight message, each for everyone (all buckets).
const EVERYONE = (namespace) => ({ namespace, randomizationUnit: 'normandy_id', start: 0, count: 10000, total: 10000 });

export const SAMPLE_RECIPES = [
  {
    slug: 'welcome-theme-first',
    targeting: "localeLanguageCode in ['en', 'fr', 'ar']",
    isEnrollmentPaused: false,
    bucketConfig: EVERYONE('welcome-theme-first-1'),
    branches: [
      {
        slug: 'theme-first',
        ratio: 1,
        features: [
          {
            featureId: 'aboutwelcome',
            value: { screens: [{ id: 'AW_CHOOSE_THEME' }, { id: 'AW_GET_STARTED' }, { id: 'SITES' }] },
          },
        ],
      },
    ],
  },
  {
    slug: 'spotlight-settings-tip',
    isEnrollmentPaused: false,
    bucketConfig: EVERYONE('spotlight-settings-tip-1'),
    branches: [
      {
        slug: 'treatment',
        ratio: 1,
        features: [
          {
            featureId: 'message',
            value: {
              id: 'EXPERIMENT_SPOTLIGHT_SETTINGS',
              template: 'spotlight',
              priority: 100,
              targeting: 'browserVersion >= 100',
              trigger: { id: 'newtabMessageCheck' },
              frequency: { lifetime: 1 },
              content: {
                title: 'A tip from an experiment',
                body: 'You can change the look of every page of ours in the settings.',
                primary: { label: 'Open settings', action: { type: 'OPEN_SETTINGS' } },
                secondary: { label: 'Not now', action: { type: 'DISMISS' } },
              },
            },
          },
        ],
      },
    ],
  },
];
