import { defineConfig } from 'vitest/config';
import { tiersLeftOut } from './test/tiers.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Crash, corruption and several-process tests run with `npm run soak` (in CI after `npm test`).
    exclude: ['test/soak/**', 'node_modules/**', ...tiersLeftOut(['PostgreSQL', 'browser'])],
    testTimeout: 20000,
    pool: 'forks',
    isolate: false,
    globalSetup: ['test/global-setup.ts'],
  },
});
