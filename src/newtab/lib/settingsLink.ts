// A link from one of our pages to the settings page names the page instance
// that followed it, so the settings page's OPEN_NEWTAB_PREFS and
// CLOSE_NEWTAB_PREFS are reported in that page's session, as Firefox reports
// them from the new tab. Opened any other way (the add-ons manager, a typed
// address), the settings page reports them with page "unknown".
import { isInstanceId } from '../../common/portName';

const OPENER_PARAM = 'opener';

/** The settings page's address as opened by the page `openerInstanceId`. */
export function settingsUrl(extensionUrl: (path: string) => string, openerInstanceId: string): string {
  return `${extensionUrl('options/options.html')}?${OPENER_PARAM}=${encodeURIComponent(openerInstanceId)}`;
}

/** The instance id of the page that opened the settings page, if one did. */
export function settingsOpener(search: string): string | null {
  const opener = new URLSearchParams(search).get(OPENER_PARAM);
  return isInstanceId(opener) ? opener : null;
}
