/**
 * `duban backup FILE`: a consistent copy of the state (SQLite's online backup), taken while the
 * bot keeps running. Restore: stop duban, put the copy in DUBAN_DATA_DIR as duban.sqlite (removing
 * duban.sqlite-wal and duban.sqlite-shm), start it again. With DUBAN_DATABASE_URL, FILE is a pg_dump
 * archive (restore it with pg_restore).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config.js';
import { openConfiguredStore } from '../store/index.js';

export async function run(args: string[]): Promise<number> {
  const target = args[0];
  if (!target || args.length > 1) {
    process.stderr.write('Usage: duban backup FILE   (a copy of the database, taken while duban runs)\n');
    return 2;
  }
  const file = resolve(target);
  if (existsSync(file)) {
    process.stderr.write(`${file} exists already; name a new file, so no backup is overwritten.\n`);
    return 1;
  }
  const store = await openConfiguredStore(loadConfig());
  try {
    await store.backup(file);
    process.stdout.write(`Backed up to ${file}.\n`);
    return 0;
  } finally {
    await store.close();
  }
}
