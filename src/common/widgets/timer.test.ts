import { describe, expect, it } from 'vitest';
import { applyTimerOp, expireTimer, formatClock, INITIAL_TIMER, parseStoredTimer, timerOpError, timerRemaining } from './timer';

const D = { focus: 25 * 60_000, break: 5 * 60_000 };

describe('focus timer', () => {
  it('plays for the mode’s duration, pauses with what is left and plays on from there', () => {
    const running = applyTimerOp(INITIAL_TIMER, { op: 'play' }, 1000, D);
    expect(running).toEqual({ mode: 'focus', status: 'running', endsAt: 1000 + D.focus, remainingMs: null });
    expect(timerRemaining(running, 61_000, D)).toBe(D.focus - 60_000);
    const paused = applyTimerOp(running, { op: 'pause' }, 61_000, D);
    expect(paused).toMatchObject({ status: 'paused', remainingMs: D.focus - 60_000, endsAt: null });
    expect(timerRemaining(paused, 999_999, D)).toBe(D.focus - 60_000);
    expect(applyTimerOp(paused, { op: 'play' }, 100_000, D)).toMatchObject({ status: 'running', endsAt: 100_000 + D.focus - 60_000 });
  });

  it('ignores play while running and pause while not', () => {
    const running = applyTimerOp(INITIAL_TIMER, { op: 'play' }, 0, D);
    expect(applyTimerOp(running, { op: 'play' }, 5, D)).toBe(running);
    expect(applyTimerOp(INITIAL_TIMER, { op: 'pause' }, 5, D)).toBe(INITIAL_TIMER);
  });

  it('is done once its end has come, not before; then plays its full length again', () => {
    const running = applyTimerOp({ ...INITIAL_TIMER, mode: 'break' }, { op: 'play' }, 0, D);
    expect(expireTimer(running, D.break - 1)).toBe(running);
    const done = expireTimer(running, D.break);
    expect(done).toEqual({ mode: 'break', status: 'done', endsAt: null, remainingMs: 0 });
    expect(timerRemaining(done, D.break, D)).toBe(0);
    expect(applyTimerOp(done, { op: 'play' }, 10, D)).toMatchObject({ status: 'running', endsAt: 10 + D.break });
  });

  it('resets to its full length and switches mode to an idle timer', () => {
    const running = applyTimerOp(INITIAL_TIMER, { op: 'play' }, 0, D);
    expect(applyTimerOp(running, { op: 'reset' }, 5, D)).toEqual(INITIAL_TIMER);
    const onBreak = applyTimerOp(running, { op: 'setMode', mode: 'break' }, 5, D);
    expect(onBreak).toEqual({ ...INITIAL_TIMER, mode: 'break' });
    expect(timerRemaining(onBreak, 5, D)).toBe(D.break);
  });

  it('checks what a page sends', () => {
    expect(timerOpError({ op: 'play' })).toBeNull();
    expect(timerOpError({ op: 'setMode', mode: 'break' })).toBeNull();
    expect(timerOpError({ op: 'setMode', mode: 'nap' })).not.toBeNull();
    expect(timerOpError({ op: 'explode' })).not.toBeNull();
  });

  it('reads back its stored state and refuses anything else', () => {
    const running = applyTimerOp(INITIAL_TIMER, { op: 'play' }, 0, D);
    expect(parseStoredTimer(JSON.parse(JSON.stringify(running)))).toEqual(running);
    expect(parseStoredTimer({ ...running, endsAt: null })).toBeNull();
    expect(parseStoredTimer({ ...running, mode: 'nap' })).toBeNull();
    expect(parseStoredTimer('running')).toBeNull();
  });

  it('formats the clock as m:ss, h:mm:ss from an hour', () => {
    expect(formatClock(25 * 60_000)).toBe('25:00');
    expect(formatClock(4_001)).toBe('0:05');
    expect(formatClock(3_600_000 + 61_000)).toBe('1:01:01');
  });
});
