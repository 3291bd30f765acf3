// The browser's favicons on the tiles that have no better image (no custom
// image, tippytop or sponsor's icon), each with its measured width, which
// decides whether it counts as a rich icon. Widths are remembered per image,
// so a new tab does not decode the same favicons again.
import type { TopSite, TopSiteSlot } from '../../common/topSites/types';
import type { FaviconData } from '../browserData';

/** Distinct favicons whose widths are remembered; a full grid has at most 32. */
const MAX_REMEMBERED = 256;

function wantsFavicon(site: TopSite): boolean {
  return !site.customScreenshot && !site.tippyTop && !site.richIcon && !site.sponsored;
}

export class SiteFavicons {
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly data: FaviconData,
    private readonly log: Pick<Console, 'error'> = console,
  ) {}

  /** The rows with favicons added; without them (letters) when the browser cannot give any. */
  async attach(rows: readonly TopSiteSlot[]): Promise<TopSiteSlot[]> {
    const urls = rows.flatMap((s) => (s && wantsFavicon(s) ? [s.url] : []));
    const icons = await this.data.favicons(urls).catch((error: unknown) => {
      this.log.error('TopSitesFeed: could not read favicons', error);
      return new Map<string, string>();
    });
    return Promise.all(
      rows.map(async (site) => {
        const favicon = site && wantsFavicon(site) ? icons.get(site.url) : undefined;
        if (!site || !favicon) return site;
        return { ...site, favicon, faviconSize: await this.width(favicon) };
      }),
    );
  }

  private async width(dataUrl: string): Promise<number> {
    const known = this.widths.get(dataUrl);
    if (known !== undefined) return known;
    const width = await this.data.imageWidth(dataUrl);
    if (this.widths.size >= MAX_REMEMBERED) this.widths.delete(this.widths.keys().next().value!);
    this.widths.set(dataUrl, width);
    return width;
  }
}
