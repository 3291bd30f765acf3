// The build-time constants (__BUILD_ID__ …) that vite and vitest substitute,
// as globals, so extension code imported by a benchmark runs in plain Node.
// Import this module before any module under src/.
import { buildDefines } from '../../scripts/buildSettings.mjs';

for (const [name, json] of Object.entries(buildDefines('bench', { ...process.env, BUILD_ID: process.env.BUILD_ID ?? '20260101000000' }))) {
  (globalThis as Record<string, unknown>)[name] = JSON.parse(json);
}
