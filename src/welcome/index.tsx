// about:welcome: opened once on install.
import browser from 'webextension-polyfill';
import { bootPage } from '../newtab/lib/bootPage';
import { Welcome } from './Welcome';
import { DataCollectionConsent } from './DataCollectionConsent';
import { dataCollectionPermission } from '../common/dataCollectionPermission';

bootPage('about:welcome', () => (
  <Welcome
    openNewTab={() => void browser.tabs.create({})}
    openOptionsPage={() => void browser.runtime.openOptionsPage()}
    consent={<DataCollectionConsent permission={dataCollectionPermission} />}
  />
));
