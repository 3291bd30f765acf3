import { createContext, useContext } from 'react';
import { translator, type Translator } from '../../common/i18n';

export const I18nContext = createContext<Translator>(translator('en'));

export function useI18n(): Translator {
  return useContext(I18nContext);
}
