import { afterEach, describe, expect, it, vi } from 'vitest';
import { askUntilAnswered } from './askUntilAnswered';

afterEach(() => vi.useRealTimers());

describe('askUntilAnswered', () => {
  it('asks at once, then again after doubling delays, and stops once answered', () => {
    vi.useFakeTimers();
    let answered = false;
    const ask = vi.fn();
    askUntilAnswered(ask, () => answered, { firstDelayMs: 100, maxDelayMs: 300 });
    expect(ask).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(99);
    expect(ask).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(ask).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(200);
    expect(ask).toHaveBeenCalledTimes(3);
    vi.advanceTimersByTime(300); // capped at maxDelayMs
    expect(ask).toHaveBeenCalledTimes(4);
    answered = true;
    vi.advanceTimersByTime(10_000);
    expect(ask).toHaveBeenCalledTimes(4);
  });

  it('does not ask when the answer is already there, and can be cancelled', () => {
    vi.useFakeTimers();
    const none = vi.fn();
    askUntilAnswered(none, () => true);
    expect(none).not.toHaveBeenCalled();
    const ask = vi.fn();
    const cancel = askUntilAnswered(ask, () => false, { firstDelayMs: 100 });
    cancel();
    vi.advanceTimersByTime(10_000);
    expect(ask).toHaveBeenCalledTimes(1);
  });
});
