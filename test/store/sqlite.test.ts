import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { openDatabase, SCHEMA_VERSION } from '../../src/store/sqlite/db.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
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
    raw.exec(
      'DROP INDEX progress_report_window; DROP INDEX progress_target_asof; DROP INDEX progress_item_asof; ' +
        'DROP INDEX progress_created; ' +
        'CREATE INDEX progress_item ON progress(report_id, item_id, id); ' +
        'DROP TABLE owners; DROP TABLE lead_units; DROP TABLE reminders; DROP TABLE reminded_items; DROP TABLE snoozes; ' +
        'DROP TABLE threads; DROP TABLE send_counts; DROP TABLE pending; ALTER TABLE progress DROP COLUMN as_of;',
    );
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

  it('runs every query on an index: no sort in a temporary B-tree, no full scan on a hot path', async () => {
    const clock = { now: new Date('2015-06-01T00:00:00Z') };
    const store = openSqliteStore(tempDir(), { now: () => clock.now, terms: (t) => t.split(/\s+/) });
    const by = { platform: 'test', userId: 'u', userName: 'u', channelId: 'C', messageId: 'm' };
    const rec = await store.progress.add(
      { reportId: 'r', itemId: '4.3', targetId: '4.3#1', value: 5, kind: 'update', note: '河长 巡河', rawText: '' },
      by,
    );
    await store.progress.undo(rec, by, 'undo');
    await Promise.all([
      store.progress.history('r', '4.3'),
      store.progress.history('r', '4.3', 20, rec.id),
      store.progress.values('r', '4.3'),
      store.progress.latestForItem('r', '4.3'),
      store.progress.latestForItem('r', '4.3', '2015-07-01'),
      store.progress.latestNote('r', '4.3'),
      store.progress.between('2015-01-01', '2016-01-01'),
      store.progress.between('2015-01-01', '2016-01-01', 10),
      store.progress.lastUndoable('test', 'u'),
      store.progress.lastUpdatePerItem(),
      store.progress.window('r', '2015-05-01', '2015-07-01'),
      store.progress.matching(['河长']),
      store.handled.get('test', 'm'),
      store.threads.has('slack', 'C', '1'),
      store.digest.previousCoveredTo({ platform: 'slack', channelId: 'C' }, '2015-06-01'),
    ]);
    const plans = store.plans();
    expect(plans.length).toBeGreaterThan(10);
    for (const { sql, plan } of plans) {
      // Whole-table passes are for counts, aggregates over every item, and the full-text index.
      const wholeTable = /COUNT\(\*\)|GROUP BY|progress_fts|FROM subscriptions/.test(sql);
      // (The full-text search sorts the 200 newest matches it read, and the digest's window groups the
      // records sent in it, found by a range: both sort what they read, not the table.)
      if (!/progress_fts|INDEXED BY progress_report_window/.test(sql))
        expect(plan.join(' | '), sql).not.toMatch(/TEMP B-TREE/);
      if (!wholeTable) expect(plan.join(' | '), sql).not.toMatch(/\bSCAN (?:p|progress|audit|handled)\b/);
    }
    await store.close();
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
