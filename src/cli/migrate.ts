/**
 * `duban migrate --from sqlite:PATH [--to postgres://…]`: copy a SQLite store (a data folder, or a
 * duban.sqlite file such as a backup) into PostgreSQL, ids and all, and verify it. Safe to run
 * again: what is there already is not copied twice. Stop the bots writing to SQLite first.
 */
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { loadConfig } from '../config.js';
import { openDatabase, SCHEMA_VERSION } from '../store/sqlite/db.js';
import { StoreError } from '../store/types.js';

const USAGE = 'Usage: duban migrate --from sqlite:PATH [--to postgres://USER:PASSWORD@HOST:5432/DB]\n';

/** A data folder is opened (and brought up to date) as duban opens it; a lone file is only read. */
function openSource(path: string): Database.Database {
  if (!existsSync(path)) throw new StoreError(`--from sqlite:${path}: no such file or folder.`);
  if (statSync(path).isDirectory()) return openDatabase(path);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new StoreError(
      `${path} has schema ${version}, this duban ${SCHEMA_VERSION}: put it in a data folder as duban.sqlite ` +
        'and name the folder, so it is brought up to date first.',
    );
  }
  return db;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { from: { type: 'string' }, to: { type: 'string' } } });
  const to = values.to ?? loadConfig().DUBAN_DATABASE_URL;
  if (!values.from?.startsWith('sqlite:') || !to || !/^postgres(?:ql)?:\/\//.test(to)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const from = values.from.slice('sqlite:'.length);
  const source = openSource(from);
  const { openPostgresStore } = await import('../store/postgres/index.js');
  const { copySqliteToPostgres } = await import('../store/postgres/copy.js');
  const target = await openPostgresStore(to);
  try {
    const copied = await copySqliteToPostgres(source, target.pool);
    for (const c of copied) {
      process.stdout.write(`${c.table}: ${c.source} in SQLite, ${c.added} copied now, ${c.target} in PostgreSQL\n`);
    }
    process.stdout.write('Verified: every SQLite row is in PostgreSQL.\n');
    return 0;
  } finally {
    source.close();
    await target.close();
  }
}
