// The `theme` pref on our pages: `data-theme` on the root element picks the
// colours in styles/theme.css; without it the system's scheme applies.
import type { Theme } from '../../common/prefs';

export function applyTheme(root: HTMLElement, theme: Theme): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** Locale keys of each theme's name. */
export const THEME_LABELS: Record<Theme, string> = { system: 'themeSystem', light: 'themeLight', dark: 'themeDark' };
