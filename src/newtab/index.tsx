// New tab and home page entry. The same page serves both; `?home` marks the
// home page, whose page kind is about:home.
import browser from 'webextension-polyfill';
import { bootPage } from './lib/bootPage';
import { Base } from './Base/Base';
import { pageKindFromLocation } from './lib/pageKind';

const page = pageKindFromLocation(location);
document.title = page === 'about:home' ? 'Home' : 'New Tab';
bootPage(page, () => <Base page={page} openOptionsPage={() => void browser.runtime.openOptionsPage()} />);
