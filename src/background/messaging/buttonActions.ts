// Runs a message button's action. Only the allow-listed actions exist; the
// action is taken from the message the router holds (a page names only the
// button), and checked again here before anything opens.
import type { MessageButtonAction } from '../../common/messaging/types';
import { isWebUrl } from '../../common/urls';
import { PREF_SECTIONS } from './validateMessage';

export interface ButtonActionDeps {
  openTab(url: string): Promise<void>;
  /** Our settings page, at a section's heading when given. */
  openSettings(section?: string): Promise<void>;
  block(messageId: string): Promise<void>;
  /** Pins the tab a CFR was shown on; absent on other surfaces, which may not pin. */
  pinTab?(): Promise<void>;
  log?: Pick<Console, 'warn'>;
}

/** True when the action ran; false (and logged) when it is not allowed. */
export async function runButtonAction(action: MessageButtonAction, messageId: string, deps: ButtonActionDeps): Promise<boolean> {
  switch (action.type) {
    case 'OPEN_URL':
      if (!isWebUrl(action.data?.url)) break;
      await deps.openTab(action.data.url);
      return true;
    case 'OPEN_SETTINGS':
      await deps.openSettings();
      return true;
    case 'OPEN_PREF_SECTION':
      if (!(PREF_SECTIONS as readonly string[]).includes(action.data?.section)) break;
      await deps.openSettings(action.data.section);
      return true;
    case 'BLOCK':
      await deps.block(messageId);
      return true;
    case 'DISMISS':
      return true;
    case 'PIN_CURRENT_TAB':
      if (!deps.pinTab) break;
      await deps.pinTab();
      return true;
  }
  (deps.log ?? console).warn(`Messaging: refused a button action of ${messageId} that is not allowed`);
  return false;
}
