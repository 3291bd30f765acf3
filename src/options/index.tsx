// Our about:preferences#home.
import browser from 'webextension-polyfill';
import { OnlyToMain, ac, action } from '../common/actions';
import { CustomImageProvider } from '../newtab/Wallpapers/WallpaperContext';
import { bootPage } from '../newtab/lib/bootPage';
import { Options } from './Options';
import { settingsOpener } from '../newtab/lib/settingsLink';
import { NotificationsPermission } from '../newtab/Widgets/TimerNotify';
import { requestNotifications } from '../newtab/Widgets/requestNotifications';

const store = bootPage('about:preferences', () => (
  <NotificationsPermission.Provider value={requestNotifications}>
    <CustomImageProvider storage={browser.storage.local}>
      <Options />
    </CustomImageProvider>
  </NotificationsPermission.Provider>
));
// Said first, so OPEN_NEWTAB_PREFS below already counts in the opener's session.
const opener = settingsOpener(location.search);
if (opener) store.dispatch(OnlyToMain(action('SETTINGS_OPENER', { instanceId: opener })));
store.dispatch(ac.UserEvent({ event: 'OPEN_NEWTAB_PREFS' }));
// pagehide fires on close and navigation; the port still delivers this message.
addEventListener('pagehide', () => store.dispatch(ac.UserEvent({ event: 'CLOSE_NEWTAB_PREFS' })), { once: true });
