// Our about:preferences#home.
import { ac } from '../common/actions';
import { bootPage } from '../newtab/lib/bootPage';
import { Options } from './Options';

const store = bootPage('about:preferences', () => <Options />);
store.dispatch(ac.UserEvent({ event: 'OPEN_NEWTAB_PREFS' }));
// pagehide fires on close and navigation; the port still delivers this message.
addEventListener('pagehide', () => store.dispatch(ac.UserEvent({ event: 'CLOSE_NEWTAB_PREFS' })), { once: true });
