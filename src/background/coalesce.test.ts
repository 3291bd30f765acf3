import { describe, expect, it } from 'vitest';
import { coalesce } from './coalesce';

describe('coalesce', () => {
  it('runs one at a time and folds calls made meanwhile into one more run', async () => {
    let runs = 0;
    let release!: () => void;
    const refresh = coalesce(async () => {
      runs += 1;
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = refresh();
    const second = refresh();
    const third = refresh();
    release();
    await Promise.all([first, second, third]);
    expect(runs).toBe(2);
    await refresh();
    expect(runs).toBe(3);
  });

  it('a failed run rejects its callers and does not block the next', async () => {
    let fail = true;
    const refresh = coalesce(async () => {
      if (fail) throw new Error('boom');
    });
    await expect(refresh()).rejects.toThrow('boom');
    fail = false;
    await expect(refresh()).resolves.toBeUndefined();
  });
});
