/**
 * Test tiers that need a program the machine may lack: a PostgreSQL server, a browser. The npm
 * packages bring both on Linux x64, so nothing is left out there; on a platform neither the machine
 * nor the packages cover, the tier is left out of the run and says so in one line.
 */
import { postgresBin } from '../scripts/postgres.mjs';
import { noBrowser } from './fakes/browser.js';

const TIERS = {
  PostgreSQL: {
    files: ['test/store/postgres.test.ts', 'test/soak/postgres.test.ts'],
    missing: () =>
      postgresBin()
        ? undefined
        : `no PostgreSQL binaries for ${process.platform}-${process.arch}: install PostgreSQL or set DUBAN_PG_BIN`,
  },
  browser: { files: ['test/web/browser.test.ts'], missing: noBrowser },
};

/** The test files of `tiers` that cannot run here, each tier saying why on stdout. */
export function tiersLeftOut(tiers: (keyof typeof TIERS)[]): string[] {
  return tiers.flatMap((name) => {
    const why = TIERS[name].missing();
    if (!why) return [];
    console.log(`The ${name} tests are left out: ${why}.`);
    return TIERS[name].files;
  });
}
