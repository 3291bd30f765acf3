import { useCallback, useSyncExternalStore } from 'react';

export type MatchMedia = (query: string) => Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;

const windowMatchMedia: MatchMedia = (query) => window.matchMedia(query);

/** Whether `query` matches now, re-rendering when that changes. */
export function useMediaQuery(query: string, matchMedia: MatchMedia = windowMatchMedia): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    [query, matchMedia],
  );
  return useSyncExternalStore(subscribe, () => matchMedia(query).matches);
}
