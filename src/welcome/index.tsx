// about:welcome: opened once on install.
import browser from 'webextension-polyfill';
import { bootPage } from '../newtab/lib/bootPage';
import { Welcome } from './Welcome';
import { DataCollectionConsent } from './DataCollectionConsent';
import { dataCollectionPermission } from '../common/dataCollectionPermission';
import { settingsUrl } from '../newtab/lib/settingsLink';

bootPage('about:welcome', (_store, instanceId) => (
  <Welcome
    openNewTab={() => void browser.tabs.create({})}
    openOptionsPage={() => void browser.tabs.create({ url: settingsUrl(browser.runtime.getURL, instanceId) })}
    consent={<DataCollectionConsent permission={dataCollectionPermission} />}
  />
));
