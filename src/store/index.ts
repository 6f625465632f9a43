/** The store: one SQLite database with progress records, the audit log, handled messages and digest state. */
import type Database from 'better-sqlite3';
import { AdapterState } from './adapters.js';
import { AuditLog } from './audit.js';
import { DigestRepo } from './digest.js';
import { openDatabase } from './db.js';
import { HandledMessages } from './handled.js';
import { ProgressRepo } from './progress.js';

export interface Store {
  db: Database.Database;
  progress: ProgressRepo;
  audit: AuditLog;
  handled: HandledMessages;
  digest: DigestRepo;
  adapters: AdapterState;
  /** Run `fn` in one transaction: all its writes land, or none. */
  transaction<T>(fn: () => T): T;
  close(): void;
}

export interface StoreOptions {
  terms?: (text: string) => string[];
  now?: () => Date;
}

export function openStore(dataDir: string, opts: StoreOptions = {}): Store {
  const db = openDatabase(dataDir);
  return {
    db,
    progress: new ProgressRepo(db, opts.terms, opts.now),
    audit: new AuditLog(db, opts.now),
    handled: new HandledMessages(db, opts.now),
    digest: new DigestRepo(db, opts.now),
    adapters: new AdapterState(db, opts.now),
    transaction: <T>(fn: () => T) => db.transaction(fn)(),
    close: () => db.close(),
  };
}
