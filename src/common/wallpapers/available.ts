// Its own module, so the new tab's boot script reads it without the catalog
// (whose top-level code would grow the script, see scripts/build.mjs).

/** The system switch (build setting WALLPAPERS): false, this build has no wallpapers and no Wallpapers section. */
export const WALLPAPERS_AVAILABLE: boolean = __SYSTEM_WALLPAPERS__;
