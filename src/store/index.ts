/**
 * Open the configured store. SQLite in the data dir is the embedded default; the rest of duban
 * sees only the interfaces in `./types.ts`.
 */
import { openSqliteStore } from './sqlite/index.js';
import type { Store } from './types.js';

export type * from './types.js';
export { StoreError } from './types.js';

export interface StoreOptions {
  /** Search terms of a text (jieba words and bigrams): progress records are searchable when given. */
  terms?: (text: string) => string[];
  now?: () => Date;
}

export function openStore(dataDir: string, opts: StoreOptions = {}): Store {
  return openSqliteStore(dataDir, opts);
}
