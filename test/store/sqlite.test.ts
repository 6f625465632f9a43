import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { openDatabase, SCHEMA_VERSION } from '../../src/store/sqlite/db.js';
import { StoreError } from '../../src/store/types.js';
import { tempDir } from '../fakes/tmp.js';
import { storeContract } from './contract.js';

storeContract('SQLite', async (clock, terms) => openStore(tempDir(), { now: () => clock.now, terms }));

describe('the SQLite store', () => {
  it('creates the data dir, uses WAL and migrates to the current schema', () => {
    const dir = join(tempDir(), 'new', 'data');
    const db = openDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('migrates a data dir from an older schema, keeping its records', async () => {
    const dir = tempDir();
    const first = openStore(dir);
    const actor = { platform: 'p', userId: 'u', userName: 'u', channelId: '' };
    await first.progress.add(
      { reportId: 'r', itemId: '4.3', targetId: '4.3#1', value: 5, kind: 'update', note: '', rawText: 'x' },
      actor,
    );
    await first.close();
    const raw = new Database(join(dir, 'duban.sqlite'));
    raw.exec('DROP TABLE threads; DROP TABLE send_counts; DROP TABLE pending; ALTER TABLE progress DROP COLUMN as_of;');
    raw.pragma('user_version = 1');
    raw.close();
    const again = openStore(dir);
    expect(await again.progress.count()).toBe(1);
    await again.threads.remember('slack', 'C1', '1.1');
    expect(await again.threads.has('slack', 'C1', '1.1')).toBe(true);
    await again.close();
    const check = new Database(join(dir, 'duban.sqlite'));
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    check.close();
  });

  it('refuses a data dir written by a newer duban', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const db = new Database(join(dir, 'duban.sqlite'));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(dir)).toThrow(StoreError);
  });
});
