// New tab and home page entry. The same page serves both; `?home` marks the
// home page, whose page kind is about:home.
import browser from 'webextension-polyfill';
import { bootPage } from './lib/bootPage';
import { Base } from './Base/Base';
import { pageKindFromLocation } from './lib/pageKind';
import { Search } from './Search/Search';
import { Highlights } from './Highlights/Highlights';
import { Stories } from './Stories/Stories';
import { TopSites } from './TopSites/TopSites';
import { Widgets } from './Widgets/Widgets';
import { NotificationsPermission } from './Widgets/TimerNotify';
import { requestNotifications } from './Widgets/requestNotifications';
import { readTopSitesCache } from './lib/topSitesCache';
import { settingsUrl } from './lib/settingsLink';
import { MessageSurfaces } from './MessageSurfaces/MessageSurfaces';
import { requestMessageWhenReady } from './MessageSurfaces/requestMessage';
import { WALLPAPERS_AVAILABLE } from '../common/wallpapers/available';
import { CustomImageProvider } from './Wallpapers/WallpaperContext';
import { WallpaperBackground } from './Wallpapers/WallpaperBackground';

const page = pageKindFromLocation(location);
// Read before the port opens, so the tiles paint without waiting for the background.
const topSitesCache = readTopSitesCache(browser.storage.local);
const store = bootPage(page, (_store, instanceId) => {
  // The settings page opened from here names this page, so its events join this page's session.
  const ownSettingsUrl = settingsUrl(browser.runtime.getURL, instanceId);
  const openOptionsPage = () => void browser.tabs.create({ url: ownSettingsUrl });
  return (
    <NotificationsPermission.Provider value={requestNotifications}>
      <CustomImageProvider storage={browser.storage.local}>
        {WALLPAPERS_AVAILABLE && <WallpaperBackground />}
        <Base
          page={page}
          search={<Search />}
          topSites={<TopSites cache={topSitesCache} />}
          widgets={<Widgets />}
          highlights={<Highlights />}
          stories={<Stories privacyPageUrl={ownSettingsUrl} openOptionsPage={openOptionsPage} />}
          topMessage={<MessageSurfaces placement="top" />}
          footerMessage={<MessageSurfaces placement="footer" />}
          openOptionsPage={openOptionsPage}
        />
      </CustomImageProvider>
    </NotificationsPermission.Provider>
  );
});
requestMessageWhenReady(store, () => {
  document.body.dataset.messageChecked = '1';
});
