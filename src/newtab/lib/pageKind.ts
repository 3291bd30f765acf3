import type { PageKind } from '../../common/actions';

/** newtab.html is the new tab; newtab.html?home is the home page. */
export function pageKindFromLocation(loc: Pick<Location, 'search'>): PageKind {
  return new URLSearchParams(loc.search).has('home') ? 'about:home' : 'about:newtab';
}
