import { describe, expect, it, vi } from 'vitest';
import { holdApp, releaseApp, startAppWhenReleased } from './appGate';

describe('the app gate between the boot script and the app entry', () => {
  it('starts the app at once when the boot script held nothing (no boot paint, or no boot script)', () => {
    const start = vi.fn();
    startAppWhenReleased(start, {});
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts a held app when the boot script releases it, once', () => {
    const page = {};
    const start = vi.fn();
    holdApp(page);
    startAppWhenReleased(start, page);
    expect(start).not.toHaveBeenCalled();
    releaseApp(page);
    releaseApp(page);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('starts at once when the release came before the entry ran', () => {
    const page = {};
    const start = vi.fn();
    holdApp(page);
    releaseApp(page);
    startAppWhenReleased(start, page);
    expect(start).toHaveBeenCalledTimes(1);
  });
});
