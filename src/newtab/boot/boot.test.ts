// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BootPaint, ICONS_AT_LATEST_MS, TOPSITES_MARK, pageBootPaint } from './bootPaint';
import {
  MAX_SNAPSHOT_CHARS,
  SNAPSHOT_VERSION,
  buildSnapshot,
  parseSnapshot,
  prefsFingerprint,
  removeStaleSnapshots,
  serializeSnapshot,
  snapshotKey,
  writeSnapshot,
} from './snapshot';

const PAGE = `
  <div class="base" data-page="about:newtab">
    <div class="infobar">a message</div>
    <header class="base-header"><h1>New Tab</h1><button aria-expanded="true" aria-controls="personalize-panel">Personalize</button></header>
    <main class="base-main">
      <section class="slot slot-search"><form role="search"><input value="typed text" aria-label="Search"></form></section>
      <section class="slot slot-topsites">
        <ul class="top-sites-grid" data-painted-from="live" data-rows="1">
          <li class="top-site"><a class="top-site-link" href="https://a.example/"><span class="top-site-label">alpha</span></a>
            <button aria-expanded="true" aria-controls="menu-1">More options</button><ul id="menu-1" role="menu"><li>Pin</li></ul></li>
          <li class="top-site"><button class="top-site-link" aria-expanded="true" aria-controls="prompt-2"><span class="top-site-label">beta</span></button>
            <form id="prompt-2">search beta</form></li>
          <li class="top-site-placeholder"></li>
        </ul>
        <div role="dialog">Edit</div>
      </section>
      <section class="slot slot-stories">stories</section>
    </main>
    <aside id="personalize-panel">panel</aside>
  </div>`;

afterEach(() => {
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('data-theme');
  localStorage.clear();
});

function livePage() {
  const live = document.createElement('div');
  live.innerHTML = PAGE;
  return live.firstElementChild!;
}

function bootEnv() {
  const frames: (() => void)[] = [];
  const marks: { name: string; detail: unknown }[] = [];
  return {
    frames,
    marks,
    env: {
      document,
      storage: localStorage,
      location: { pathname: '/newtab/newtab.html', search: '?locale=ar' },
      performance: {
        timeOrigin: 1_700_000_000_000,
        mark: (name: string, options?: PerformanceMarkOptions) => (marks.push({ name, detail: options?.detail }), { startTime: 12.4 }) as PerformanceMark,
      },
      requestAnimationFrame: (cb: () => void) => void frames.push(cb),
      setTimeout: (cb: () => void, ms: number) => void (ms === 0 && frames.push(cb)),
    },
  };
}

describe('boot snapshot', () => {
  it('keeps an image under the source imageSource gives it, and its own where that gives none', () => {
    const live = document.createElement('div');
    live.innerHTML = '<img src="/tippytop/a.svg" alt=""><img src="https://icons.example/b.png" alt="">';
    const tree = serializeSnapshot(live, (img) => (img.getAttribute('src')!.endsWith('.svg') ? 'data:image/png;base64,AAAA' : null));
    expect(tree).toEqual([
      'div',
      {},
      [
        ['img', { src: 'data:image/png;base64,AAAA', alt: '' }, []],
        ['img', { src: 'https://icons.example/b.png', alt: '' }, []],
      ],
    ]);
  });

  it('keeps the header, search box and grid as they rest: no messages, later sections, menus, dialogs, prompts or search text', () => {
    const built = buildSnapshot(document, serializeSnapshot(livePage())) as HTMLElement;
    expect(built.querySelector('.infobar, .slot-stories, #personalize-panel, [role="menu"], [role="dialog"], #prompt-2')).toBeNull();
    expect(built.querySelector('input')?.hasAttribute('value')).toBe(false);
    expect(built.querySelectorAll('[aria-expanded="true"], [aria-controls]')).toHaveLength(0);
    expect(Array.from(built.querySelectorAll('.top-site-label'), (l) => l.textContent)).toEqual(['alpha', 'beta']);
    expect(built.querySelectorAll('.top-sites-grid > li')).toHaveLength(3);
    expect(built.querySelector('a')?.getAttribute('href')).toBe('https://a.example/');
  });

  it('is kept per page variant and ignored when corrupt, of another version or too big', () => {
    expect(snapshotKey({ pathname: '/newtab/newtab.html', search: '?home' })).not.toBe(snapshotKey({ pathname: '/newtab/newtab.html', search: '' }));
    document.documentElement.dataset.theme = 'dark';
    writeSnapshot(localStorage, 'k', document, livePage(), 'p');
    const good = localStorage.getItem('k');
    expect(parseSnapshot(good)).toMatchObject({ v: SNAPSHOT_VERSION, prefs: 'p', root: { 'data-theme': 'dark' } });
    expect(parseSnapshot('{not json')).toBeNull();
    expect(parseSnapshot(good!.replace(`"v":${SNAPSHOT_VERSION}`, '"v":0'))).toBeNull();
    expect(parseSnapshot(JSON.stringify({ ...JSON.parse(good!), tree: ['div', { a: 1 }, []] }))).toBeNull();
    expect(parseSnapshot(JSON.stringify({ ...JSON.parse(good!), tree: ['<img onerror>', {}, []] }))).toBeNull();
    expect(parseSnapshot(good + ' '.repeat(MAX_SNAPSHOT_CHARS))).toBeNull();
    const withHandler = buildSnapshot(document, ['img', { src: 'x.png', onerror: 'alert(1)' }, []]) as HTMLElement;
    expect(withHandler.getAttribute('src')).toBe('x.png');
    expect(withHandler.hasAttribute('onerror')).toBe(false);
  });

  it('removes the snapshots made with other prefs, and only ours', () => {
    const prefs = prefsFingerprint({ b: 1, a: true });
    expect(prefsFingerprint({ a: true, b: 1 })).toBe(prefs);
    writeSnapshot(localStorage, snapshotKey({ pathname: '/n', search: '' }), document, livePage(), prefs);
    writeSnapshot(localStorage, snapshotKey({ pathname: '/n', search: '?home' }), document, livePage(), prefsFingerprint({ a: false, b: 1 }));
    localStorage.setItem('other', 'kept');
    removeStaleSnapshots(localStorage, prefs);
    expect(localStorage.getItem(snapshotKey({ pathname: '/n', search: '' }))).not.toBeNull();
    expect(localStorage.getItem(snapshotKey({ pathname: '/n', search: '?home' }))).toBeNull();
    expect(localStorage.getItem('other')).toBe('kept');
  });
});

describe('BootPaint', () => {
  it('is one per page: the app\'s bundle finds the instance the boot script made', () => {
    const page = {};
    const made = pageBootPaint(page);
    expect(pageBootPaint(page)).toBe(made);
    expect(pageBootPaint({})).not.toBe(made);
  });

  it('paints the stored snapshot over a hidden root, marks its first frame, and hands over once', async () => {
    document.body.innerHTML = '<div id="root"></div>';
    const { env, frames, marks } = bootEnv();
    document.documentElement.setAttribute('dir', 'rtl');
    writeSnapshot(localStorage, snapshotKey(env.location), document, livePage(), 'p');
    document.documentElement.setAttribute('dir', 'ltr');
    const boot = new BootPaint();
    expect(boot.paint(env)).toBe(true);
    expect(document.documentElement.dir).toBe('rtl');
    const root = document.getElementById('root')!;
    expect(root.hidden).toBe(true);
    const grid = document.querySelector<HTMLElement>('#boot-paint .top-sites-grid')!;
    expect(grid.dataset.paintedFrom).toBe('boot');
    expect(marks).toEqual([]);
    for (const cb of frames.splice(0)) cb();
    for (const cb of frames.splice(0)) cb();
    expect(marks).toEqual([{ name: TOPSITES_MARK, detail: { from: 'boot', labels: ['alpha', 'beta'], root: { dir: 'rtl' } } }]);
    // What it painted, slot by slot (link, search shortcut's label, placeholder), to tell a later swap.
    expect(boot.paintedTiles).toBe('https://a.example/\nbeta\n');
    await expect(boot.painted).resolves.toBe(1_700_000_000_012);
    const handedOver = vi.fn();
    boot.whenHandedOver(handedOver);
    boot.handOver();
    boot.handOver();
    expect(handedOver).toHaveBeenCalledTimes(1);
    expect(document.getElementById('boot-paint')).toBeNull();
    expect(root.hidden).toBe(false);
  });

  it('paints nothing without a valid snapshot with tiles: the page boots as before', () => {
    document.body.innerHTML = '<div id="root"></div>';
    const { env } = bootEnv();
    const boot = new BootPaint();
    expect(boot.paint(env)).toBe(false);
    localStorage.setItem(snapshotKey(env.location), '{"v":1');
    expect(boot.paint(env)).toBe(false);
    const noTiles = document.createElement('div');
    noTiles.className = 'base';
    writeSnapshot(localStorage, snapshotKey(env.location), document, noTiles, 'p');
    expect(boot.paint(env)).toBe(false);
    expect(boot.painted).toBeNull();
    expect(document.getElementById('root')!.hidden).toBe(false);
    const cb = vi.fn();
    boot.whenHandedOver(cb);
    expect(cb).toHaveBeenCalled();
  });

  it('hands over once React\'s icons can show: at once when loaded, else after they decode, at the latest after ICONS_AT_LATEST_MS', async () => {
    vi.useFakeTimers();
    const image = (complete: boolean, decode: () => Promise<void> = () => Promise.resolve()) => ({ complete, decode }) as unknown as HTMLImageElement;
    const painted = () => Object.assign(new BootPaint(), { handedOver: false });

    const loaded = painted();
    loaded.handOverWhenShown([image(true), image(true)]);
    expect(loaded.handedOver).toBe(true);

    let decoded!: () => void;
    const waiting = painted();
    waiting.handOverWhenShown([image(true), image(false, () => new Promise((resolve) => (decoded = resolve)))]);
    expect(waiting.handedOver).toBe(false);
    decoded();
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.handedOver).toBe(true);

    // An icon that never decodes (a broken one rejects, which counts as done) holds the page back no longer than this.
    const stuck = painted();
    stuck.handOverWhenShown([image(false, () => new Promise(() => undefined))]);
    await vi.advanceTimersByTimeAsync(ICONS_AT_LATEST_MS - 1);
    expect(stuck.handedOver).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stuck.handedOver).toBe(true);
    vi.useRealTimers();
  });
});
