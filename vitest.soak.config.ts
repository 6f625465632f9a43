import { defineConfig } from 'vitest/config';
import { tiersLeftOut } from './test/tiers.js';

export default defineConfig({
  test: {
    include: ['test/soak/**/*.test.ts'],
    exclude: ['node_modules/**', ...tiersLeftOut(['PostgreSQL'])],
    testTimeout: 90000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
