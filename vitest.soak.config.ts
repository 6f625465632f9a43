import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/soak/**/*.test.ts'],
    testTimeout: 90000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
  },
});
