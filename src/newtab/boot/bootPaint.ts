// The boot paint and its hand-over to React. The boot script paints the stored
// snapshot into #boot-paint and hides #root; the React page, once it has
// painted its own tiles (or knows it has no top sites), hands over: the boot
// container goes and #root shows, in the same task, so nothing flashes.
// One instance per page, shared by the boot script and the app (pageBootPaint).
import { buildSnapshot, parseSnapshot, snapshotKey } from './snapshot';

export const TOPSITES_MARK = 'topsites_first_painted_ts';
/** The page never stays hidden behind a boot paint longer than this, whatever happens to the app. */
export const HAND_OVER_AT_LATEST_MS = 5000;
/** React's icons are waited for this long at most before the hand-over. */
export const ICONS_AT_LATEST_MS = 500;

export interface BootEnv {
  document: Document;
  storage: Pick<Storage, 'getItem'> | null;
  location: { pathname: string; search: string };
  performance: Pick<Performance, 'mark' | 'timeOrigin'>;
  requestAnimationFrame(cb: () => void): void;
  setTimeout(cb: () => void, ms: number): void;
}

/** "Painted", as Firefox's new tab measures it: one animation frame, then a task, after the DOM has it. */
export function afterPaint(clock: Pick<BootEnv, 'requestAnimationFrame' | 'setTimeout'>, cb: () => void): void {
  clock.requestAnimationFrame(() => clock.setTimeout(cb, 0));
}

/**
 * What a top sites grid shows, slot by slot (a tile's link, or its label for a
 * search shortcut; empty for a placeholder): the same text for the boot
 * paint's grid and React's when they show the same tiles.
 */
export function gridTiles(grid: Element): string {
  return Array.from(grid.children, (li) => {
    const link = li.querySelector('.top-site-link');
    return link?.getAttribute('href') ?? link?.querySelector('.top-site-label')?.textContent ?? '';
  }).join('\n');
}

export interface BootPaintMarkDetail {
  from: 'boot';
  /** The painted tiles' labels, in order (tests compare them with the stored grid). */
  labels: string[];
  /** The root element's attributes it painted with (lang, dir, data-theme). */
  root: Record<string, string>;
}

export class BootPaint {
  /** When the boot painted tiles: the absolute time of its first frame with them (the mark's). */
  painted: Promise<number> | null = null;
  /** The grid's gridTiles() once painted (null until then), to tell whether React's tiles are others (a swap). */
  paintedTiles: string | null = null;
  private container: HTMLElement | null = null;
  private root: HTMLElement | null = null;
  private handedOverCallbacks: (() => void)[] = [];
  handedOver = true;

  /** Paints the snapshot, if there is a valid one with tiles; returns whether it did. */
  paint(env: BootEnv): boolean {
    const doc = env.document;
    let text: string | null = null;
    try {
      text = env.storage?.getItem(snapshotKey(env.location)) ?? null;
    } catch {
      // No storage: no boot paint.
    }
    const snapshot = parseSnapshot(text);
    const root = doc.getElementById('root');
    if (!snapshot || !root) return false;
    const container = doc.createElement('div');
    container.id = 'boot-paint';
    container.appendChild(buildSnapshot(doc, snapshot.tree));
    const grid = container.querySelector<HTMLElement>('.top-sites-grid');
    if (!grid) return false;
    grid.dataset.paintedFrom = 'boot';
    grid.removeAttribute('aria-busy');
    const html = doc.documentElement;
    html.removeAttribute('data-theme');
    for (const [name, value] of Object.entries(snapshot.root)) html.setAttribute(name, value);
    doc.title = snapshot.title;
    root.hidden = true;
    root.before(container);
    this.container = container;
    this.root = root;
    this.handedOver = false;
    // What the frame showed is read after it: before, it would only delay the frame.
    this.painted = new Promise((resolve) =>
      afterPaint(env, () => {
        this.paintedTiles = gridTiles(grid);
        const detail: BootPaintMarkDetail = {
          from: 'boot',
          labels: Array.from(grid.querySelectorAll('.top-site-label'), (l) => l.textContent ?? ''),
          root: snapshot.root,
        };
        const mark = env.performance.mark(TOPSITES_MARK, { detail });
        resolve(Math.round(env.performance.timeOrigin + mark.startTime));
      }),
    );
    env.setTimeout(() => this.handOver(), HAND_OVER_AT_LATEST_MS);
    return true;
  }

  /**
   * Hands over once React's `images` can show: the boot paint's icons are
   * other images (PNG copies, see src/newtab/lib/rasterIcons.ts), and a tile
   * must not blink without its icon. Loaded images hand over at once.
   */
  handOverWhenShown(images: Iterable<HTMLImageElement>): void {
    if (this.handedOver) return;
    const loading = Array.from(images).filter((img) => !img.complete);
    if (loading.length === 0) return this.handOver();
    void Promise.all(loading.map((img) => img.decode().catch(() => undefined))).then(() => this.handOver());
    setTimeout(() => this.handOver(), ICONS_AT_LATEST_MS);
  }

  /** Removes the boot paint and shows the React root (idempotent). */
  handOver(): void {
    if (this.handedOver) return;
    this.handedOver = true;
    this.container?.remove();
    if (this.root) this.root.hidden = false;
    for (const cb of this.handedOverCallbacks.splice(0)) cb();
  }

  /** Calls `cb` once the page shows the React root (at once if there was no boot paint). */
  whenHandedOver(cb: () => void): void {
    if (this.handedOver) cb();
    else this.handedOverCallbacks.push(cb);
  }
}

/**
 * The page's one BootPaint. The boot script and the app are separate bundles
 * (a classic script and ES modules), each with its own copy of this module, so
 * the instance lives on the page's global: the boot script makes it, the app
 * finds it (or makes one, if the boot script never ran).
 */
export function pageBootPaint(win: object = globalThis): BootPaint {
  const holder = win as { __oasBootPaint?: BootPaint };
  return (holder.__oasBootPaint ??= new BootPaint());
}

export const bootPaint = pageBootPaint();
