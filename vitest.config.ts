import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { tiersLeftOut } from './test/tiers.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Crash, corruption and several-process tests run with `npm run soak` (in CI after `npm test`).
    exclude: ['test/soak/**', 'node_modules/**', ...tiersLeftOut(['PostgreSQL', 'browser'])],
    testTimeout: 20000,
    pool: 'forks',
    // Two at least: vitest's default (a core less than the machine has) runs one file at a time on two cores, while
    // most files spend much of their time waiting on servers, child processes and disks (336 s → 169 s, same load).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    isolate: false,
    globalSetup: ['test/global-setup.ts'],
  },
});
