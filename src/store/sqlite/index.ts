/** The embedded store: one SQLite database (better-sqlite3, WAL) in the data dir, behind the store interfaces. */
import { closeSync, fsyncSync, openSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type { Store, StoreOptions } from '../types.js';
import { SqlitePending, SqliteSends, SqliteThreads } from './adapters.js';
import { SqliteAudit } from './audit.js';
import { Conn } from './conn.js';
import { openDatabase } from './db.js';
import { SqliteDigest } from './digest.js';
import { SqliteHandled } from './handled.js';
import { SqliteOwners, SqliteReminders } from './owners.js';
import { SqliteProgress } from './progress.js';

/** The SQLite store; `plans()` tells how each query it has run is executed (tests check indexes with it). */
export function openSqliteStore(dataDir: string, opts: StoreOptions = {}): Store & { plans: Conn['plans'] } {
  const conn = new Conn(openDatabase(dataDir, { verify: opts.verify ?? true }));
  const repos = {
    progress: new SqliteProgress(conn, opts.terms, opts.now),
    audit: new SqliteAudit(conn, opts.now),
    handled: new SqliteHandled(conn, opts.now),
    digest: new SqliteDigest(conn, opts.now),
    threads: new SqliteThreads(conn, opts.now),
    sends: new SqliteSends(conn),
    pending: new SqlitePending(conn, opts.now),
    owners: new SqliteOwners(conn, opts.now),
    reminders: new SqliteReminders(conn, opts.now),
  };
  return {
    ...repos,
    plans: () => conn.plans(),
    // The repositories join the running unit of work by themselves: `tx` is the same set.
    transaction: (fn) => conn.transaction(() => fn(repos)),
    backup: (file) => conn.read(() => snapshot(conn.db, file)),
    close: async () => {
      await conn.idle();
      conn.db.close();
    },
  };
}

/**
 * The database as it stands at one moment, written to a new `file`: `VACUUM INTO` reads in one
 * read transaction, which writers in other processes never restart (SQLite's online backup starts
 * over at every write from another connection, so under steady writes it never finished).
 */
function snapshot(db: Database.Database, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
  // VACUUM INTO does not sync what it wrote; a backup should be on disk once reported done.
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
