/**
 * Open the configured store. SQLite in the data dir is the embedded default; the rest of duban
 * sees only the interfaces in `./types.ts`.
 */
import { openSqliteStore } from './sqlite/index.js';
import type { Store, StoreOptions } from './types.js';

export type * from './types.js';
export { StoreError } from './types.js';

export function openStore(dataDir: string, opts: StoreOptions = {}): Store {
  return openSqliteStore(dataDir, opts);
}
