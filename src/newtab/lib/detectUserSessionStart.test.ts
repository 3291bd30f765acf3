import { describe, expect, it } from 'vitest';
import { detectUserSessionStart, type VisibilitySource } from './detectUserSessionStart';

function fakeDocument(initial: DocumentVisibilityState) {
  const listeners = new Set<() => void>();
  let state = initial;
  const change = (next: DocumentVisibilityState) => {
    state = next;
    for (const l of [...listeners]) l();
  };
  const doc: VisibilitySource = {
    get visibilityState() {
      return state;
    },
    addEventListener: (_type, l) => void listeners.add(l),
    removeEventListener: (_type, l) => void listeners.delete(l),
  };
  return Object.assign(doc, { listeners, show: () => change('visible'), hide: () => change('hidden') });
}

const perf = (now: number) => ({ timeOrigin: 1_700_000_000_000, now: () => now });

describe('detectUserSessionStart', () => {
  it('reports at once, as an absolute time, when the page loads visible', () => {
    const seen: number[] = [];
    detectUserSessionStart(fakeDocument('visible'), perf(12.5), (t) => seen.push(t));
    expect(seen).toEqual([1_700_000_000_012.5]);
  });

  it('waits for a hidden page to become visible, reports once, and stops listening', () => {
    const doc = fakeDocument('hidden');
    const seen: number[] = [];
    let now = 5;
    detectUserSessionStart(doc, { timeOrigin: 1_000, now: () => now }, (t) => seen.push(t));
    doc.hide();
    expect(seen).toEqual([]);
    now = 900;
    doc.show();
    doc.hide();
    doc.show();
    expect(seen).toEqual([1_900]);
    expect(doc.listeners.size).toBe(0);
  });
});
