// What Firefox's impression wrappers share: an item counts as seen once at
// least half of it is on screen while the page is visible, once per item per
// page. A preloaded or background tab reports nothing until it is shown.

export const IMPRESSION_THRESHOLD = 0.5;

export type VisibilityDocument = Pick<Document, 'visibilityState' | 'addEventListener' | 'removeEventListener'>;

export interface VisibleImpressionsOptions<T> {
  document: VisibilityDocument;
  IntersectionObserver: typeof IntersectionObserver;
  /** Which items are the same item: each key is reported once per page. */
  key(item: T): string;
  /** What makes a render's items differ from the last (key plus position, say). */
  fingerprint(item: T): string;
  /** The items that became seen together, in one call. */
  onSeen(items: T[]): void;
  /** Once, the first time the page is visible with items. */
  onFirstVisible?(items: T[]): void;
}

export class VisibleImpressions<T> {
  private readonly seen = new Set<string>();
  private firstVisibleSent = false;
  private items = new Map<Element, T>();
  private observer: IntersectionObserver | null = null;
  private started = false;

  constructor(private readonly options: VisibleImpressionsOptions<T>) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.options.document.addEventListener('visibilitychange', this.sync);
    this.sync();
  }

  stop(): void {
    this.started = false;
    this.options.document.removeEventListener('visibilitychange', this.sync);
    this.observer?.disconnect();
    this.observer = null;
  }

  /** The items now rendered, by element; call after every render that may change them. */
  setItems(items: Map<Element, T>): void {
    if (this.sameItems(items)) return;
    this.items = items;
    if (this.started) this.sync();
  }

  private sameItems(next: Map<Element, T>): boolean {
    if (this.items.size !== next.size) return false;
    const { fingerprint } = this.options;
    for (const [element, item] of next) {
      const before = this.items.get(element);
      if (before === undefined || fingerprint(before) !== fingerprint(item)) return false;
    }
    return true;
  }

  private readonly sync = (): void => {
    this.observer?.disconnect();
    this.observer = null;
    if (this.options.document.visibilityState !== 'visible' || this.items.size === 0) return;
    if (!this.firstVisibleSent) {
      this.firstVisibleSent = true;
      this.options.onFirstVisible?.([...this.items.values()]);
    }
    // A fresh observer reports every observed item's current state once, so a
    // page that just became visible counts what is already on screen.
    const observer = new this.options.IntersectionObserver((entries) => this.onIntersect(observer, entries), {
      threshold: IMPRESSION_THRESHOLD,
    });
    this.observer = observer;
    for (const [element, item] of this.items) if (!this.seen.has(this.options.key(item))) observer.observe(element);
  };

  private onIntersect(observer: IntersectionObserver, entries: IntersectionObserverEntry[]): void {
    if (this.options.document.visibilityState !== 'visible') return;
    const seenNow: T[] = [];
    for (const entry of entries) {
      if (!entry.isIntersecting || entry.intersectionRatio < IMPRESSION_THRESHOLD) continue;
      const item = this.items.get(entry.target);
      if (item === undefined || this.seen.has(this.options.key(item))) continue;
      this.seen.add(this.options.key(item));
      observer.unobserve(entry.target);
      seenNow.push(item);
      // A marker for people and tests inspecting the page; React does not manage it.
      if (entry.target instanceof HTMLElement) entry.target.dataset.seen = 'true';
    }
    if (seenNow.length) this.options.onSeen(seenNow);
  }
}
