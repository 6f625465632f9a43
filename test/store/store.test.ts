import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase, SCHEMA_VERSION, StoreError } from '../../src/store/db.js';
import { openStore } from '../../src/store/index.js';
import { tempDir } from '../fakes/tmp.js';

describe('the store', () => {
  it('creates the data dir, uses WAL and migrates to the current schema', () => {
    const dir = join(tempDir(), 'new', 'data');
    const db = openDatabase(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('migrates a data dir from an older schema, keeping its records', () => {
    const dir = tempDir();
    const first = openStore(dir);
    first.progress.add({ reportId: 'r', itemId: '4.3', targetId: '4.3#1', value: 5, kind: 'update', note: '', rawText: 'x' }, { platform: 'p', userId: 'u', userName: 'u', channelId: '' });
    first.db.exec('DROP TABLE threads; DROP TABLE send_counts;');
    first.db.pragma('user_version = 1');
    first.close();
    const again = openStore(dir);
    expect(again.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(again.progress.count()).toBe(1);
    again.adapters.rememberThread('slack', 'C1', '1.1');
    expect(again.adapters.isThread('slack', 'C1', '1.1')).toBe(true);
    again.close();
  });

  it('refuses a data dir written by a newer duban', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const db = new Database(join(dir, 'duban.sqlite'));
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(dir)).toThrow(StoreError);
  });

  it('counts messages per channel and day up to a cap', () => {
    const store = openStore(tempDir());
    expect([1, 2, 3].map(() => store.adapters.takeSend('wechat', 'room:群', '2015-06-01', 2))).toEqual([true, true, false]);
    expect(store.adapters.takeSend('wechat', 'room:群', '2015-06-02', 2)).toBe(true);
    expect(store.adapters.takeSend('wechat', 'room:别的群', '2015-06-01', 2)).toBe(true);
    store.close();
  });
});
