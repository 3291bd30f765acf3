import { defineConfig } from 'vitest/config';
import { buildDefines } from './scripts/buildSettings.mjs';

// Unit tests run in Node by default; component tests opt into jsdom with a
// `// @vitest-environment jsdom` comment at the top of the file.
export default defineConfig({
  define: buildDefines('test', { ...process.env, BUILD_ID: '20260101000000' }),
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'collector/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Says once per run when Mozilla's schemas are absent and the conformance
    // suites that need them were not run (src/test-support/mozillaSchemas.ts).
    globalSetup: ['src/test-support/mozillaSchemasNotice.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
