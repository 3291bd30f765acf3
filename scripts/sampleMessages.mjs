// Sample Remote Settings collections of messages for the local feed server
// (`npm start`, end-to-end tests) and the unit tests: a normal one, one with
// broken targeting, and a hostile one. Format: docs/messaging.md.
const DAY_MS = 24 * 60 * 60 * 1000;

/** One message per surface of our pages, each targeted on a real attribute; best first. */
export const SAMPLE_MESSAGES = [
  {
    id: 'SAMPLE_SPOTLIGHT_WELCOME',
    template: 'spotlight',
    priority: 30,
    bucket_id: 'SAMPLE_SPOTLIGHT',
    targeting: 'profileAgeCreated > 0 && browserVersion >= 100',
    trigger: { id: 'newtabMessageCheck' },
    frequency: { lifetime: 1 },
    content: {
      title: 'Your new tab, your way',
      body: 'Choose what this page shows: top sites, stories, recent activity.',
      logo: 'icons/icon-96.png',
      primary: { label: 'Open settings', action: { type: 'OPEN_PREF_SECTION', data: { section: 'content' } } },
      secondary: { label: 'Not now', action: { type: 'DISMISS' } },
    },
  },
  {
    id: 'SAMPLE_INFOBAR_BOOKMARKS',
    template: 'infobar',
    priority: 20,
    bucket_id: 'SAMPLE_INFOBAR',
    targeting: "totalBookmarksCount >= 0 && localeLanguageCode in ['en', 'fr', 'ar']",
    trigger: { id: 'newtabMessageCheck' },
    frequency: { lifetime: 2, custom: [{ period: DAY_MS, cap: 2 }] },
    content: {
      text: 'Recent activity shows the pages you bookmarked and visited lately.',
      primary: { label: 'Learn more', action: { type: 'OPEN_URL', data: { url: 'https://support.mozilla.org/kb/customize-items-on-firefox-new-tab-page' } } },
      secondary: { label: 'Settings', action: { type: 'OPEN_SETTINGS' } },
    },
  },
  {
    id: 'SAMPLE_SNIPPET_PRIVACY',
    template: 'simple_snippet',
    priority: 10,
    bucket_id: 'SAMPLE_SNIPPET',
    targeting: 'userPrefs.snippets && topSitesCount >= 0',
    trigger: { id: 'newtabMessageCheck' },
    frequency: { lifetime: 3 },
    content: {
      text: 'Open Activity Stream never sends the pages you visit.',
      icon: 'icons/icon-48.png',
      icon_alt_text: 'Open Activity Stream',
      button: { label: 'See what we collect', action: { type: 'OPEN_PREF_SECTION', data: { section: 'telemetry' } } },
    },
  },
];

/** A malformed expression beside a good message: one targeting error ping, the good one still shown. */
export const BROKEN_TARGETING_MESSAGES = [
  { ...SAMPLE_MESSAGES[2], id: 'SAMPLE_BROKEN_TARGETING', priority: 50, targeting: 'locale ==' },
  SAMPLE_MESSAGES[2],
];

/** Everything a hostile server might send; only the messages named GOOD_* are valid. */
export function hostileMessages() {
  const good = (id, priority) => ({ ...SAMPLE_MESSAGES[2], id, priority, targeting: 'true' });
  let deep = { leaf: 1 };
  for (let i = 0; i < 200; i++) deep = { deep };
  const bad = [
    { ...SAMPLE_MESSAGES[2], id: 'BAD_SCRIPT_URL', content: { text: 'hi', button: { label: 'go', action: { type: 'OPEN_URL', data: { url: 'javascript:alert(1)' } } } } },
    { ...SAMPLE_MESSAGES[2], id: 'BAD_SCRIPT_ICON', content: { text: 'hi', icon: 'javascript:alert(1)' } },
    { ...SAMPLE_MESSAGES[2], id: 'BAD_DATA_ICON', content: { text: 'hi', icon: 'data:image/svg+xml,<svg onload=alert(1)>' } },
    { ...SAMPLE_MESSAGES[1], id: 'BAD_ACTION', content: { ...SAMPLE_MESSAGES[1].content, primary: { label: 'x', action: { type: 'INSTALL_ADDON', data: { url: 'https://example.com/x.xpi' } } } } },
    { ...SAMPLE_MESSAGES[2], id: 'BAD_HUGE', content: { text: 'x'.repeat(1_000_000) } },
    { ...SAMPLE_MESSAGES[2], id: 'BAD_DEEP', content: { text: 'deep', extra: deep } },
    { ...SAMPLE_MESSAGES[2], id: 'BAD_TEXT_TYPE', content: { text: { html: '<b>x</b>' } } },
    { ...SAMPLE_MESSAGES[2], id: 'BAD_TEMPLATE', template: 'raw_html' },
    { ...SAMPLE_MESSAGES[2], id: 'BAD_NO_CONTENT', content: undefined },
    { ...SAMPLE_MESSAGES[2], id: 'BAD_PRIORITY', priority: '9' },
    { ...SAMPLE_MESSAGES[2], id: 'BAD_TRIGGER', trigger: { id: 'everyKeystroke' } },
    { ...SAMPLE_MESSAGES[2], id: '<img src=x onerror=alert(1)>' },
    { ...SAMPLE_MESSAGES[2], id: 'BAD_PROTO', content: JSON.parse('{"__proto__": {"polluted": true}, "text": 5}') },
    null,
    'a string',
    42,
  ];
  const filler = Array.from({ length: 5000 }, (_, i) => ({ id: `BAD_FILLER_${i}`, template: 'unknown', content: { text: 'filler' } }));
  return [
    // Text that looks like markup is kept as text: pages render it literally.
    { ...good('GOOD_SCRIPT_AS_TEXT', 5), content: { text: '<script>alert(1)</script><img src=x onerror=alert(1)>' } },
    ...bad,
    good('GOOD_AFTER_BAD', 4),
    ...filler,
  ];
}

/** One surface's sample alone, capped at 2 impressions, so a test sees only that message. */
const alone = (message) => [{ ...message, frequency: { lifetime: 2 } }];

/** Collection id → records. */
export const SAMPLE_COLLECTIONS = {
  'nimbus-messages': SAMPLE_MESSAGES,
  'sample-spotlight': alone(SAMPLE_MESSAGES[0]),
  'sample-infobar': alone(SAMPLE_MESSAGES[1]),
  'sample-snippet': alone(SAMPLE_MESSAGES[2]),
  'broken-targeting': BROKEN_TARGETING_MESSAGES,
  empty: [],
  hostile: hostileMessages(),
};
