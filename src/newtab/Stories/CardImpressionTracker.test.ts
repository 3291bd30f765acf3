// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { Action } from '../../common/actions';
import { FakeIntersectionObserver as FakeObserver } from '../../test-support/FakeIntersectionObserver';
import { CardImpressionTracker, type TrackedCard } from './CardImpressionTracker';

function setup(visibility: DocumentVisibilityState = 'visible') {
  FakeObserver.all = [];
  const listeners = new Set<() => void>();
  const doc = {
    visibilityState: visibility,
    addEventListener: (_: string, cb: () => void) => listeners.add(cb),
    removeEventListener: (_: string, cb: () => void) => listeners.delete(cb),
  };
  const dispatched: Action[] = [];
  const tracker = new CardImpressionTracker({
    source: 'CARDGRID',
    dispatch: (a) => dispatched.push(a),
    document: doc as unknown as Document,
    IntersectionObserver: FakeObserver.asGlobal,
  });
  const elements = [0, 1, 2].map(() => document.createElement('li'));
  const cards: TrackedCard[] = [
    { id: 10, pos: 0 },
    { id: 99, pos: 1, shim: 'imp99', flightId: 'f1' },
    { id: 11, pos: 2 },
  ];
  const setVisibility = (state: DocumentVisibilityState) => {
    doc.visibilityState = state;
    for (const l of listeners) l();
  };
  tracker.setCards(new Map(elements.map((el, i) => [el, cards[i]!])));
  return { tracker, dispatched, elements, setVisibility };
}

describe('CardImpressionTracker', () => {
  it('reports loaded content once, then each card once it is at least half on screen, with spoc shim and flight', () => {
    const { tracker, dispatched, elements } = setup();
    tracker.start();
    expect(FakeObserver.current.options.threshold).toBe(0.5);
    expect(dispatched).toEqual([
      expect.objectContaining({
        type: 'DISCOVERY_STREAM_LOADED_CONTENT',
        data: { source: 'CARDGRID', tiles: [{ id: 10, pos: 0 }, { id: 99, pos: 1 }, { id: 11, pos: 2 }] },
      }),
    ]);
    FakeObserver.current.fire([
      [elements[0]!, 0.6],
      [elements[1]!, 0.5],
      [elements[2]!, 0.49],
    ]);
    expect(dispatched.slice(1)).toEqual([
      expect.objectContaining({
        type: 'DISCOVERY_STREAM_IMPRESSION_STATS',
        data: { source: 'CARDGRID', tiles: [{ id: 10, pos: 0 }, { id: 99, pos: 1, shim: 'imp99' }] },
      }),
      expect.objectContaining({ type: 'DISCOVERY_STREAM_SPOC_IMPRESSION', data: { flightId: 'f1' }, meta: expect.objectContaining({ skipLocal: true }) }),
    ]);
    expect(elements[0]!.dataset.seen).toBe('true');
    expect(FakeObserver.current.observed).toEqual(new Set([elements[2]]));

    // Seen again after scrolling back: nothing new. The last card only now.
    FakeObserver.current.fire([
      [elements[0]!, 1],
      [elements[2]!, 0.8],
    ]);
    expect(dispatched.slice(3)).toEqual([
      expect.objectContaining({ data: { source: 'CARDGRID', tiles: [{ id: 11, pos: 2 }] } }),
    ]);
    expect(dispatched).toHaveLength(4);
  });

  it('reports nothing while the page is hidden, and starts when it becomes visible', () => {
    const { tracker, dispatched, elements, setVisibility } = setup('hidden');
    tracker.start();
    expect(FakeObserver.all).toEqual([]);
    expect(dispatched).toEqual([]);
    setVisibility('visible');
    expect(dispatched.map((a) => a.type)).toEqual(['DISCOVERY_STREAM_LOADED_CONTENT']);
    FakeObserver.current.fire([[elements[0]!, 1]]);
    // Hidden again: whatever the observer says, nothing counts, and it stops observing.
    setVisibility('hidden');
    expect(FakeObserver.current.disconnected).toBe(true);
    FakeObserver.current.fire([[elements[2]!, 1]]);
    expect(dispatched.map((a) => a.type)).toEqual(['DISCOVERY_STREAM_LOADED_CONTENT', 'DISCOVERY_STREAM_IMPRESSION_STATS']);
    // Visible again: loaded content is not repeated; only unseen cards are observed.
    setVisibility('visible');
    expect(FakeObserver.current.observed).toEqual(new Set([elements[1], elements[2]]));
    expect(dispatched).toHaveLength(2);
  });

  it('stops listening when stopped', () => {
    const { tracker, setVisibility, dispatched } = setup('hidden');
    tracker.start();
    tracker.stop();
    setVisibility('visible');
    expect(dispatched).toEqual([]);
  });
});
