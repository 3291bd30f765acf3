// The boot snapshot: the top of the new tab (header, search box, top sites
// grid) as last rendered live, kept in localStorage so the boot script can
// paint it synchronously before React, Redux and the polyfill have loaded.
// Kept as a tree of tags, attributes and text (never HTML: no innerHTML),
// one per page variant (path + query: ?home and ?locale=ar have their own),
// versioned and bounded. Nothing transient is kept: open menus, dialogs,
// prompts and the search text are left out, so the paint is the resting page.

export const SNAPSHOT_VERSION = 1;
export const SNAPSHOT_PREFIX = 'oas.bootSnapshot.';
/** Bigger snapshots (e.g. many large data: icons) are not kept: the page then boots as before. */
export const MAX_SNAPSHOT_CHARS = 256 * 1024;
/** The root element's attributes the snapshot restores before painting. */
export const ROOT_ATTRIBUTES = ['lang', 'dir', 'data-theme'] as const;

/** An element as [tag, attributes, children]; text as a string. */
export type SnapshotNode = string | [string, Record<string, string>, SnapshotNode[]];

export interface Snapshot {
  v: number;
  /** The prefs the page had when it wrote the snapshot (see prefsFingerprint). */
  prefs: string;
  title: string;
  root: Record<string, string>;
  tree: SnapshotNode;
}

export function snapshotKey(loc: { pathname: string; search: string }): string {
  return SNAPSHOT_PREFIX + loc.pathname + loc.search;
}

/** A stable text of a prefs object (keys sorted), to tell whether prefs changed since a snapshot. */
export function prefsFingerprint(prefs: object): string {
  const values = prefs as Record<string, unknown>;
  return JSON.stringify(Object.keys(values).sort().map((k) => [k, values[k]]));
}

// Not part of the resting page: top messages, the sections below top sites,
// dialogs, menus and prompts.
const SKIP = [
  '.base > :not(header):not(main)',
  '.base-main > :not(.slot-search):not(.slot-topsites)',
  'dialog',
  '[role="dialog"]',
  '[role="alertdialog"]',
  '[role="menu"]',
].join(',');

/** An image's source for the snapshot in place of its own (null: keep its own). */
export type SnapshotImageSource = (img: HTMLImageElement) => string | null;

/** The tree of `element`, without transient state; `imageSource` may give an image another source. */
export function serializeSnapshot(element: Element, imageSource?: SnapshotImageSource): SnapshotNode {
  // What an expanded control shows (a search shortcut prompt, a menu) is transient too.
  const transientIds = new Set<string>();
  for (const open of element.querySelectorAll('[aria-expanded="true"][aria-controls]')) transientIds.add(open.getAttribute('aria-controls')!);
  const walk = (el: Element): SnapshotNode => {
    const attrs: Record<string, string> = {};
    for (const { name, value } of Array.from(el.attributes)) attrs[name] = value;
    // The search text and an open state are the user's moment, not the page.
    if (el.tagName === 'INPUT') delete attrs.value;
    const src = el.tagName === 'IMG' ? imageSource?.(el as HTMLImageElement) : null;
    if (src) attrs.src = src;
    if (attrs['aria-expanded'] === 'true') {
      attrs['aria-expanded'] = 'false';
      delete attrs['aria-controls'];
    }
    const children: SnapshotNode[] = [];
    for (const child of Array.from(el.childNodes)) {
      if (child.nodeType === 3) children.push(child.textContent ?? '');
      else if (child.nodeType === 1) {
        const c = child as Element;
        if (!c.matches(SKIP) && !(c.id && transientIds.has(c.id))) children.push(walk(c));
      }
    }
    return [el.tagName.toLowerCase(), attrs, children];
  };
  return walk(element);
}

/** Builds the snapshot's elements with `doc` (createElement and text nodes only). */
export function buildSnapshot(doc: Document, node: SnapshotNode): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const [tag, attrs, children] = node;
  const el = doc.createElement(tag);
  // Our DOM has no inline handlers; a stored one is never restored.
  for (const [name, value] of Object.entries(attrs)) if (!/^on/i.test(name)) el.setAttribute(name, value);
  for (const child of children) el.appendChild(buildSnapshot(doc, child));
  return el;
}

function isNode(x: unknown): x is SnapshotNode {
  if (typeof x === 'string') return true;
  return (
    Array.isArray(x) &&
    x.length === 3 &&
    typeof x[0] === 'string' &&
    /^[a-z][a-z0-9-]*$/.test(x[0]) &&
    typeof x[1] === 'object' &&
    x[1] !== null &&
    Object.values(x[1] as object).every((v) => typeof v === 'string') &&
    Array.isArray(x[2]) &&
    (x[2] as unknown[]).every(isNode)
  );
}

/** The stored snapshot, or null when there is none or it is corrupt, too big or of another version. */
export function parseSnapshot(text: string | null): Snapshot | null {
  if (text === null || text.length > MAX_SNAPSHOT_CHARS) return null;
  try {
    const s = JSON.parse(text) as Partial<Snapshot> | null;
    if (!s || s.v !== SNAPSHOT_VERSION || typeof s.prefs !== 'string' || typeof s.title !== 'string') return null;
    if (typeof s.root !== 'object' || s.root === null || !isNode(s.tree) || typeof s.tree === 'string') return null;
    return s as Snapshot;
  } catch {
    return null;
  }
}

/** Stores a snapshot of `element`; a too-big one removes the old instead. */
export function writeSnapshot(
  storage: Storage,
  key: string,
  doc: Document,
  element: Element,
  prefs: string,
  imageSource?: SnapshotImageSource,
): void {
  const root: Record<string, string> = {};
  for (const name of ROOT_ATTRIBUTES) {
    const value = doc.documentElement.getAttribute(name);
    if (value !== null) root[name] = value;
  }
  const snapshot: Snapshot = { v: SNAPSHOT_VERSION, prefs, title: doc.title, root, tree: serializeSnapshot(element, imageSource) };
  const text = JSON.stringify(snapshot);
  try {
    if (text.length > MAX_SNAPSHOT_CHARS) storage.removeItem(key);
    else storage.setItem(key, text);
  } catch {
    // Storage full or off: the next tab boots without a snapshot, as before.
  }
}

/** Removes every snapshot not made with these prefs (all page variants). */
export function removeStaleSnapshots(storage: Storage, prefs: string): void {
  try {
    for (let i = storage.length - 1; i >= 0; i--) {
      const key = storage.key(i);
      if (key?.startsWith(SNAPSHOT_PREFIX) && parseSnapshot(storage.getItem(key))?.prefs !== prefs) storage.removeItem(key);
    }
  } catch {
    // No storage: no snapshots either.
  }
}
