// An IntersectionObserver that tests drive by hand (jsdom has none).
export class FakeIntersectionObserver {
  static all: FakeIntersectionObserver[] = [];
  readonly observed = new Set<Element>();
  disconnected = false;

  constructor(
    private readonly callback: IntersectionObserverCallback,
    readonly options: IntersectionObserverInit = {},
  ) {
    FakeIntersectionObserver.all.push(this);
  }

  /** The newest observer. */
  static get current(): FakeIntersectionObserver {
    return FakeIntersectionObserver.all.at(-1)!;
  }

  /** As the constructor a component or tracker takes. */
  static get asGlobal(): typeof IntersectionObserver {
    return FakeIntersectionObserver as unknown as typeof IntersectionObserver;
  }

  observe(el: Element) {
    this.observed.add(el);
  }

  unobserve(el: Element) {
    this.observed.delete(el);
  }

  disconnect() {
    this.disconnected = true;
    this.observed.clear();
  }

  /** Reports `ratio` for each element, as the browser would after a scroll. */
  fire(ratios: [Element, number][]) {
    const entries = ratios.map(([target, ratio]) => ({ target, intersectionRatio: ratio, isIntersecting: ratio > 0 }) as IntersectionObserverEntry);
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}
