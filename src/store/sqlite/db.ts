/**
 * The SQLite store (better-sqlite3, WAL) in the data dir. Migrations run in order and set
 * `user_version`; a data dir written by a newer duban is refused rather than damaged.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
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
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Open (creating if needed) the database in `dataDir`, migrated to the current schema. */
export function openDatabase(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'duban.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new StoreError(
      `${file} was written by a newer duban (schema ${version}; this one knows up to ${SCHEMA_VERSION}). ` +
        'Upgrade duban, or point DUBAN_DATA_DIR at another folder.',
    );
  }
  for (let v = version; v < SCHEMA_VERSION; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return db;
}
