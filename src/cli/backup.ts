/**
 * `duban backup FILE`: a consistent copy of the state, taken while the bot keeps running. The copy
 * is written to a hidden `.FILE.partial-PID` beside FILE and linked to FILE only once complete, so
 * FILE is a whole backup or absent — also when the backup is killed or fails half-way. Restore:
 * stop duban, put the copy in DUBAN_DATA_DIR as duban.sqlite (removing duban.sqlite-wal and
 * duban.sqlite-shm), start it again. With DUBAN_DATABASE_URL, FILE is a pg_dump archive (restore it
 * with pg_restore).
 */
import { existsSync, linkSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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
  const folder = dirname(file);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    process.stderr.write(`${folder} is no folder; name a file in a folder that exists.\n`);
    return 1;
  }
  const partial = join(folder, `.${basename(file)}.partial-${process.pid}`);
  const store = await openConfiguredStore(loadConfig());
  try {
    try {
      await store.backup(partial);
    } catch (err) {
      process.stderr.write(`No backup was made: ${(err as Error).message.split('\n')[0]}\n`);
      return 1;
    }
    if (!publish(partial, file)) {
      process.stderr.write(`${file} appeared while the backup ran; name a new file, so no backup is overwritten.\n`);
      return 1;
    }
    process.stdout.write(`Backed up to ${file}.\n`);
    return 0;
  } finally {
    rmSync(partial, { force: true });
    await store.close();
  }
}

/**
 * Give the finished copy its name in one step; false when a file of that name appeared meanwhile.
 * A hard link never replaces a file; where the file system has no hard links, a rename does.
 */
function publish(partial: string, file: string): boolean {
  try {
    linkSync(partial, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    renameSync(partial, file);
    return true;
  }
}
