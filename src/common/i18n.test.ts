import { describe, expect, it } from 'vitest';
import { LOCALES, resolveLocale, translator } from './i18n';

describe('i18n', () => {
  it('ships English, French and Arabic with every English key, none empty', () => {
    expect(Object.keys(LOCALES).sort()).toEqual(expect.arrayContaining(['ar', 'en', 'fr']));
    const keys = Object.keys(LOCALES.en!).sort();
    for (const [locale, messages] of Object.entries(LOCALES)) {
      expect(Object.keys(messages).sort(), locale).toEqual(keys);
      for (const [key, { message }] of Object.entries(messages)) expect(message.trim(), `${locale}.${key}`).not.toBe('');
    }
  });

  it('picks the first supported locale, by exact tag or language', () => {
    expect(resolveLocale(['de', 'fr-CA', 'en'])).toBe('fr');
    expect(resolveLocale([null, undefined, 'zz'])).toBe('en');
    expect(resolveLocale(['ar-EG'])).toBe('ar');
  });

  it('translates, sets direction, and falls back to English then the key', () => {
    const ar = translator('ar');
    expect(ar.dir).toBe('rtl');
    expect(ar.t('searchButton')).toBe('ابحث');
    expect(translator('fr').dir).toBe('ltr');
    expect(translator('fr').t('no-such-key')).toBe('no-such-key');
  });
});
