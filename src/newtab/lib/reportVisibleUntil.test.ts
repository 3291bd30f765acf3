import { describe, expect, it, vi } from 'vitest';
import { reportVisibleUntil, VISIBLE_HEARTBEAT_MS } from './reportVisibleUntil';

function fakeDocument(state: DocumentVisibilityState) {
  const listeners: (() => void)[] = [];
  return {
    visibilityState: state,
    addEventListener: (_: 'visibilitychange', l: () => void) => void listeners.push(l),
    removeEventListener: vi.fn(),
    set(next: DocumentVisibilityState) {
      this.visibilityState = next;
      for (const l of listeners) l();
    },
  };
}

describe('reportVisibleUntil', () => {
  it('reports every visibility change and beats while visible, never while hidden', () => {
    vi.useFakeTimers();
    try {
      const doc = fakeDocument('visible');
      const report = vi.fn();
      reportVisibleUntil(doc, { setInterval: (cb, ms) => setInterval(cb, ms), clearInterval: (h) => clearInterval(h as number) }, report);
      vi.advanceTimersByTime(VISIBLE_HEARTBEAT_MS * 2);
      expect(report).toHaveBeenCalledTimes(2);
      doc.set('hidden');
      expect(report).toHaveBeenCalledTimes(3);
      vi.advanceTimersByTime(VISIBLE_HEARTBEAT_MS * 5);
      expect(report).toHaveBeenCalledTimes(3);
      doc.set('visible');
      vi.advanceTimersByTime(VISIBLE_HEARTBEAT_MS);
      expect(report).toHaveBeenCalledTimes(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stays silent for a page loaded hidden until it is shown', () => {
    vi.useFakeTimers();
    try {
      const doc = fakeDocument('hidden');
      const report = vi.fn();
      reportVisibleUntil(doc, { setInterval: (cb, ms) => setInterval(cb, ms), clearInterval: (h) => clearInterval(h as number) }, report);
      vi.advanceTimersByTime(VISIBLE_HEARTBEAT_MS * 3);
      expect(report).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
