// Strings come from locales/<lang>/messages.json (the WebExtension format, so the
// manifest can use them too). Pages pick a locale from `?locale=`, then the
// browser's UI language, then English.
type Messages = Record<string, { message: string }>;

const bundles = import.meta.glob<Messages>('../../locales/*/messages.json', { eager: true, import: 'default' });

export const LOCALES: Record<string, Messages> = Object.fromEntries(
  Object.entries(bundles).map(([path, messages]) => [path.split('/').at(-2)!, messages]),
);

export const DEFAULT_LOCALE = 'en';
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

export function resolveLocale(requested: readonly (string | null | undefined)[]): string {
  for (const tag of requested) {
    if (!tag) continue;
    if (LOCALES[tag]) return tag;
    const base = tag.split(/[-_]/)[0]!;
    if (LOCALES[base]) return base;
  }
  return DEFAULT_LOCALE;
}

export interface Translator {
  locale: string;
  dir: 'ltr' | 'rtl';
  t(key: string): string;
}

export function translator(locale: string): Translator {
  const messages = LOCALES[locale] ?? LOCALES[DEFAULT_LOCALE]!;
  const fallback = LOCALES[DEFAULT_LOCALE]!;
  return {
    locale,
    dir: RTL_LANGUAGES.has(locale) ? 'rtl' : 'ltr',
    t: (key) => messages[key]?.message ?? fallback[key]?.message ?? key,
  };
}
