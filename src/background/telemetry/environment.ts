// Pure helpers for what the pings say about the browser; browserTelemetry.ts
// feeds them the real values.
import type { PingContext } from '../../common/pings/types';

/** The active enrollments, `{slug: {branch}}`, as the experiment manager keeps them for pings. */
export const EXPERIMENTS_KEY = 'telemetry.experiments';

/** "Chrome/156.0.8078.108" → "156.0.8078.108"; "0" when the agent says nothing usable. */
export function versionFromUserAgent(userAgent: string): string {
  return /(?:Firefox|Chrome|Chromium)\/(\d+(?:\.\d+)*)/.exec(userAgent)?.[1] ?? '0';
}

/** Keeps only `{id: {branch}}` entries with short strings. */
export function sanitizeExperiments(stored: unknown): PingContext['experiments'] {
  const out: PingContext['experiments'] = {};
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return out;
  for (const [id, value] of Object.entries(stored)) {
    const branch = (value as { branch?: unknown } | null)?.branch;
    if (id.length <= 128 && typeof branch === 'string' && branch.length <= 128) out[id] = { branch };
  }
  return out;
}
