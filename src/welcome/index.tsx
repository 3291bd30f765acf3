// about:welcome: opened once on install. Its screens come from the background.
import browser from 'webextension-polyfill';
import { ac } from '../common/actions';
import { bootPage } from '../newtab/lib/bootPage';
import { useAppSelector } from '../newtab/lib/hooks';
import { askUntilAnswered } from '../newtab/lib/askUntilAnswered';
import { MultiStageWelcome } from './MultiStageWelcome';
import { DataCollectionConsent } from './DataCollectionConsent';
import { dataCollectionPermission } from '../common/dataCollectionPermission';
import { settingsUrl } from '../newtab/lib/settingsLink';

function WelcomePage({ instanceId }: { instanceId: string }) {
  const flow = useAppSelector((s) => s.Messaging.welcome);
  return (
    <MultiStageWelcome
      flow={flow}
      openNewTab={() => void browser.tabs.create({})}
      openOptionsPage={() => void browser.tabs.create({ url: settingsUrl(browser.runtime.getURL, instanceId) })}
      openUrl={(url) => void browser.tabs.create({ url })}
      consent={<DataCollectionConsent permission={dataCollectionPermission} />}
    />
  );
}

const store = bootPage('about:welcome', (_store, instanceId) => <WelcomePage instanceId={instanceId} />);
// Asked again after a background restart until answered, like the page's state.
askUntilAnswered(
  () => store.dispatch(ac.WelcomeFlowRequest()),
  () => store.getState().Messaging.welcome !== null,
);
