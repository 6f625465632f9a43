/**
 * Open the configured store. SQLite in the data dir is the embedded default; PostgreSQL (and its
 * client) is loaded only when a database URL is configured. The rest of duban sees only the
 * interfaces in `./types.ts`.
 */
import { openSqliteStore } from './sqlite/index.js';
import type { Store, StoreOptions } from './types.js';

export type * from './types.js';
export { StoreError } from './types.js';

export function openStore(dataDir: string, opts: StoreOptions = {}): Store {
  return openSqliteStore(dataDir, opts);
}

/** Where state lives: a PostgreSQL URL when set, else SQLite in the data dir. */
export interface StoreLocation {
  DUBAN_DATA_DIR: string;
  DUBAN_DATABASE_URL?: string;
}

/** The store the settings name: PostgreSQL at DUBAN_DATABASE_URL, else SQLite in DUBAN_DATA_DIR. */
export async function openConfiguredStore(where: StoreLocation, opts: StoreOptions = {}): Promise<Store> {
  if (!where.DUBAN_DATABASE_URL) return openStore(where.DUBAN_DATA_DIR, opts);
  const { openPostgresStore } = await import('./postgres/index.js');
  return openPostgresStore(where.DUBAN_DATABASE_URL, opts);
}
