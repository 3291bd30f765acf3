// The new tab's module entry. The first frame is the boot script's
// (boot/boot.ts, a classic script); this loads the app once that frame is out.
// The styles the boot paint needs come with this entry, which the build writes
// into newtab.html, so the boot paint has the page's look from the start.
import './Base/Base.css';
import './Search/Search.css';
import './TopSites/TopSites.css';
import './LinkMenu/LinkMenu.css';
import './Wallpapers/Wallpapers.css';
import { startAppWhenReleased } from './boot/appGate';

startAppWhenReleased(() => void import('./index'));
