// The Focus timer's state and its changes, pure, shared by the background
// (which keeps the end with an alarm) and the page (which counts down). A
// running timer keeps its end time, not a count, so it stays right while the
// page is hidden, closed or the background suspended.
export const TIMER_MODES = ['focus', 'break'] as const;
export type TimerMode = (typeof TIMER_MODES)[number];

export const TIMER_STATUSES = ['idle', 'running', 'paused', 'done'] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];

export interface TimerState {
  mode: TimerMode;
  status: TimerStatus;
  /** Epoch ms the running timer ends at. */
  endsAt: number | null;
  /** Ms left while paused. */
  remainingMs: number | null;
}

export type TimerOp = { op: 'play' } | { op: 'pause' } | { op: 'reset' } | { op: 'setMode'; mode: TimerMode };
export const TIMER_OPS = ['play', 'pause', 'reset', 'setMode'] as const;

export const INITIAL_TIMER: TimerState = { mode: 'focus', status: 'idle', endsAt: null, remainingMs: null };

export function timerOpError(value: unknown): string | null {
  const d = value as Record<string, unknown> | null;
  if (!d || typeof d !== 'object' || !(TIMER_OPS as readonly unknown[]).includes(d.op)) return 'unknown timer change';
  return d.op !== 'setMode' || (TIMER_MODES as readonly unknown[]).includes(d.mode) ? null : 'unknown timer mode';
}

/** Durations of the two modes, in ms, from the prefs' seconds. */
export interface TimerDurations {
  focus: number;
  break: number;
}

export function applyTimerOp(state: TimerState, change: TimerOp, now: number, durations: TimerDurations): TimerState {
  switch (change.op) {
    case 'play': {
      if (state.status === 'running') return state;
      const left = state.status === 'paused' && state.remainingMs !== null ? state.remainingMs : durations[state.mode];
      return { ...state, status: 'running', endsAt: now + left, remainingMs: null };
    }
    case 'pause':
      if (state.status !== 'running' || state.endsAt === null) return state;
      return { ...state, status: 'paused', endsAt: null, remainingMs: Math.max(0, state.endsAt - now) };
    case 'reset':
      return { ...state, status: 'idle', endsAt: null, remainingMs: null };
    case 'setMode':
      return { mode: change.mode, status: 'idle', endsAt: null, remainingMs: null };
  }
}

/** A running timer whose end has come is done. */
export function expireTimer(state: TimerState, now: number): TimerState {
  return state.status === 'running' && state.endsAt !== null && now >= state.endsAt
    ? { ...state, status: 'done', endsAt: null, remainingMs: 0 }
    : state;
}

/** Ms left to show now. */
export function timerRemaining(state: TimerState, now: number, durations: TimerDurations): number {
  switch (state.status) {
    case 'running':
      return Math.max(0, (state.endsAt ?? now) - now);
    case 'paused':
      return state.remainingMs ?? durations[state.mode];
    case 'idle':
      return durations[state.mode];
    case 'done':
      return 0;
  }
}

export function parseStoredTimer(stored: unknown): TimerState | null {
  const s = stored as Record<string, unknown> | null;
  if (!s || typeof s !== 'object') return null;
  const okNumber = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
  if (!(TIMER_MODES as readonly unknown[]).includes(s.mode) || !(TIMER_STATUSES as readonly unknown[]).includes(s.status)) return null;
  if (!okNumber(s.endsAt) || !okNumber(s.remainingMs)) return null;
  if (s.status === 'running' && s.endsAt === null) return null;
  return { mode: s.mode as TimerMode, status: s.status as TimerStatus, endsAt: s.endsAt as number | null, remainingMs: s.remainingMs as number | null };
}

/** "m:ss", or "h:mm:ss" from an hour up. */
export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
