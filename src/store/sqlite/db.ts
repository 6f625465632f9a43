/**
 * The SQLite store (better-sqlite3, WAL) in the data dir. Migrations run in order and set
 * `user_version`; a data dir written by a newer duban is refused rather than damaged.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';

import { StoreError } from '../types.js';

const MIGRATIONS: string[] = [
  `CREATE TABLE progress (
     id INTEGER PRIMARY KEY,
     report_id TEXT NOT NULL,
     item_id TEXT NOT NULL,
     target_id TEXT,
     value REAL,
     kind TEXT NOT NULL CHECK (kind IN ('update', 'import', 'undo')),
     undoes INTEGER REFERENCES progress(id),
     note TEXT NOT NULL DEFAULT '',
     raw_text TEXT NOT NULL DEFAULT '',
     platform TEXT NOT NULL,
     user_id TEXT NOT NULL,
     user_name TEXT NOT NULL,
     channel_id TEXT NOT NULL DEFAULT '',
     message_id TEXT,
     created_at TEXT NOT NULL
   );
   CREATE INDEX progress_item ON progress(report_id, item_id, id);
   CREATE INDEX progress_user ON progress(platform, user_id, id);
   CREATE UNIQUE INDEX progress_undone ON progress(undoes) WHERE undoes IS NOT NULL;
   CREATE VIRTUAL TABLE progress_fts USING fts5(terms, tokenize = 'unicode61');
   CREATE TABLE audit (
     id INTEGER PRIMARY KEY,
     at TEXT NOT NULL,
     platform TEXT NOT NULL,
     user_id TEXT NOT NULL,
     user_name TEXT NOT NULL,
     channel_id TEXT NOT NULL DEFAULT '',
     message_id TEXT,
     action TEXT NOT NULL,
     input TEXT NOT NULL,
     outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'refused', 'invalid', 'error')),
     detail TEXT NOT NULL DEFAULT ''
   );
   CREATE TABLE handled (
     platform TEXT NOT NULL,
     message_id TEXT NOT NULL,
     reply TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (platform, message_id)
   );
   CREATE TABLE subscriptions (
     platform TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     added_by TEXT NOT NULL,
     added_at TEXT NOT NULL,
     PRIMARY KEY (platform, channel_id)
   );
   CREATE TABLE digest_deliveries (
     platform TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     date TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT NOT NULL DEFAULT '',
     covered_to TEXT NOT NULL DEFAULT '',
     updated_at TEXT NOT NULL,
     PRIMARY KEY (platform, channel_id, date)
   );`,
  // 2: what adapters must remember across restarts.
  `CREATE TABLE threads (
     platform TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     thread_id TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (platform, channel_id, thread_id)
   );
   CREATE TABLE send_counts (
     platform TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     date TEXT NOT NULL,
     count INTEGER NOT NULL,
     PRIMARY KEY (platform, channel_id, date)
   );`,
  // 3: an update waiting for its sender to confirm it; a record's as-of date, when it differs
  // from when it was sent.
  `CREATE TABLE pending (
     platform TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     payload TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (platform, channel_id, user_id)
   );
   ALTER TABLE progress ADD COLUMN as_of TEXT;`,
  // 4: indexes for every ordering and filter the store uses (history, latest values, windows, last updates).
  `CREATE INDEX progress_item_asof ON progress(report_id, item_id, COALESCE(as_of, created_at), id);
   CREATE INDEX progress_created ON progress(created_at, id);
   DROP INDEX progress_item;`,
  // 5: each target's latest value found by a seek, not by reading all of its item's records.
  `CREATE INDEX progress_target_asof ON progress(report_id, item_id, target_id, COALESCE(as_of, created_at), id);`,
  // 6: a report's records sent in a window (the digest, the reports) found by a range, not a pass over the report.
  `CREATE INDEX progress_report_created ON progress(report_id, created_at, id);`,
  // 7: 督办 — owners of items and targets, lead units, reminders (one per owner and period) and snoozes.
  `CREATE TABLE owners (
     report_id TEXT NOT NULL,
     item_id TEXT NOT NULL,
     target_id TEXT NOT NULL DEFAULT '',
     platform TEXT NOT NULL,
     user_id TEXT NOT NULL,
     name TEXT NOT NULL,
     assigned_by TEXT NOT NULL,
     assigned_at TEXT NOT NULL,
     PRIMARY KEY (report_id, item_id, target_id, platform, user_id)
   );
   CREATE INDEX owners_user ON owners(platform, user_id);
   CREATE TABLE lead_units (
     report_id TEXT NOT NULL,
     item_id TEXT NOT NULL,
     unit TEXT NOT NULL,
     set_by TEXT NOT NULL,
     set_at TEXT NOT NULL,
     PRIMARY KEY (report_id, item_id)
   );
   CREATE TABLE reminders (
     platform TEXT NOT NULL,
     user_id TEXT NOT NULL,
     period TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     last_error TEXT NOT NULL DEFAULT '',
     updated_at TEXT NOT NULL,
     PRIMARY KEY (platform, user_id, period)
   );
   CREATE TABLE reminded_items (
     platform TEXT NOT NULL,
     user_id TEXT NOT NULL,
     period TEXT NOT NULL,
     report_id TEXT NOT NULL,
     item_id TEXT NOT NULL,
     sent_at TEXT NOT NULL,
     PRIMARY KEY (platform, user_id, period, report_id, item_id)
   );
   CREATE INDEX reminded_items_item ON reminded_items(report_id, item_id, sent_at);
   CREATE TABLE snoozes (
     report_id TEXT NOT NULL,
     item_id TEXT NOT NULL,
     until TEXT NOT NULL,
     set_by TEXT NOT NULL,
     set_at TEXT NOT NULL,
     PRIMARY KEY (report_id, item_id)
   );`,
  // 8: what waits for a person in a place is of a kind (an update to confirm, a choice of items),
  // and each kind waits apart: the key gains the kind (SQLite cannot change a key in place).
  `CREATE TABLE pending_kinds (
     platform TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     user_id TEXT NOT NULL,
     kind TEXT NOT NULL,
     payload TEXT NOT NULL,
     at TEXT NOT NULL,
     PRIMARY KEY (platform, channel_id, user_id, kind)
   );
   INSERT INTO pending_kinds SELECT platform, channel_id, user_id, 'confirm', payload, at FROM pending;
   DROP TABLE pending;
   ALTER TABLE pending_kinds RENAME TO pending;`,
  // 9: a report's window (the digest, weekly and monthly reports) summed up from the index alone, with no
  // visit to the table per record (150 → 50 ms of CPU for a month of 100,000 records).
  `CREATE INDEX progress_report_window
     ON progress(report_id, created_at, item_id, target_id, COALESCE(as_of, created_at), kind);
   DROP INDEX progress_report_created;`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * The data folder, made one level at a time (recursive mkdir loops forever on some file systems,
 * such as /proc); a one-line StoreError naming DUBAN_DATA_DIR when it cannot be.
 */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  while (!existsSync(at)) {
    missing.unshift(at);
    const up = dirname(at);
    if (up === at) break;
    at = up;
  }
  if (existsSync(at) && !statSync(at).isDirectory()) {
    const where = at === resolve(dir) ? 'is a file' : `is inside ${at}, which is a file`;
    throw new StoreError(`DUBAN_DATA_DIR=${dir} ${where}, not a folder: point it at a folder (created if missing).`);
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      throw new StoreError(
        `DUBAN_DATA_DIR=${dir} cannot be created (${(err as NodeJS.ErrnoException).code}): choose a folder this user can write.`,
      );
    }
  }
}

/** What went wrong opening the database, in one line with what to do. */
function cannotOpen(file: string, dir: string, err: unknown): StoreError {
  const code = (err as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new StoreError(
      `${file} is damaged or not a duban database: restore it from a backup (see "duban backup" in the README), ` +
        'or move it away to start afresh.',
    );
  }
  if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'EACCES' || code === 'SQLITE_PERM') {
    return new StoreError(`${file} cannot be written (${code}): make DUBAN_DATA_DIR=${dir} writable by this user.`);
  }
  return new StoreError(`${file} cannot be opened: ${(err as Error).message}`);
}

/**
 * Open (creating if needed) the database in `dataDir`, checked and migrated to the current
 * schema. Migrations run under the write lock with the version read again inside it, so any
 * number of processes may open a new data folder at once.
 */
export function openDatabase(dataDir: string, opts: { verify: boolean } = { verify: true }): Database.Database {
  makeFolder(dataDir);
  const file = join(dataDir, 'duban.sqlite');
  // Processes opening a new data folder together can find it locked while one of them turns on WAL
  // (SQLite does not wait on that lock): try again a few times, a little later each time.
  for (let attempt = 1; ; attempt++) {
    try {
      return openOnce(file, dataDir, opts);
    } catch (err) {
      const busy = /database is locked/.test((err as Error).message);
      if (!busy || attempt >= 6) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 25 * attempt);
    }
  }
}

function openOnce(file: string, dataDir: string, opts: { verify: boolean }): Database.Database {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { timeout: 10000 });
    db.pragma('busy_timeout = 10000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    const check = opts.verify ? db.pragma('quick_check', { simple: true }) : 'ok';
    if (check !== 'ok') {
      throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
    }
    if ((db.pragma('user_version', { simple: true }) as number) !== SCHEMA_VERSION) migrate(db, file);
    return db;
  } catch (err) {
    db?.close();
    throw err instanceof StoreError ? err : cannotOpen(file, dataDir, err);
  }
}

function migrate(db: Database.Database, file: string): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new StoreError(
        `${file} was written by a newer duban (schema ${version}; this one knows up to ${SCHEMA_VERSION}). ` +
          'Upgrade duban, or point DUBAN_DATA_DIR at another folder.',
      );
    }
    for (let v = version; v < SCHEMA_VERSION; v++) {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    }
    db.exec('COMMIT');
  } catch (err) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw err;
  }
}
