import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { bigrams } from '../../src/search/tokenize.js';
import { copySqliteToPostgres } from '../../src/store/postgres/copy.js';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { PgLeadership } from '../../src/store/postgres/leader.js';
import { openDatabase } from '../../src/store/sqlite/db.js';
import { openSqliteStore } from '../../src/store/sqlite/index.js';
import type { Actor, Store } from '../../src/store/types.js';
import { StoreError } from '../../src/store/types.js';
import { startPostgres, type TestPostgres } from '../fakes/postgres.js';
import { tempDir } from '../fakes/tmp.js';
import { until } from '../fakes/wait.js';
import { storeContract } from './contract.js';

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60000);
afterAll(() => server?.stop());

storeContract('PostgreSQL', async (clock, terms) =>
  openPostgresStore(await server.database(), { now: () => clock.now, terms }),
);

describe('the PostgreSQL store', () => {
  it('migrates a new database from several processes at once, once', async () => {
    const url = await server.database();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url)));
    const client = new pg.Client(url);
    await client.connect();
    const { rows } = await client.query('SELECT version FROM duban_schema');
    expect(rows).toHaveLength(1);
    await client.end();
    await Promise.all(stores.map((s) => s.close()));
  });

  it('refuses a database written by a newer duban, and one it cannot reach, in one line', async () => {
    const url = await server.database();
    await (await openPostgresStore(url)).close();
    const client = new pg.Client(url);
    await client.connect();
    await client.query('UPDATE duban_schema SET version = version + 1');
    await client.end();
    await expect(openPostgresStore(url)).rejects.toThrow(/newer duban/);
    const gone = url.replace(/\/[^/]+$/, '/no_such_db');
    const err = await openPostgresStore(gone).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(String((err as Error).message)).toContain('no_such_db');
  });

  it('is chosen by a postgres:// DUBAN_DATABASE_URL; another is refused without its password repeated', () => {
    expect(loadConfig({ DUBAN_DATABASE_URL: 'postgres://u:pw@db:5432/duban' }).DUBAN_DATABASE_URL).toContain('db:5432');
    expect(loadConfig({}).DUBAN_DATABASE_URL).toBeUndefined();
    const err = (() => {
      try {
        loadConfig({ DUBAN_DATABASE_URL: 'mysql://duban:hunter2@db/duban' });
      } catch (e) {
        return String(e);
      }
    })();
    expect(err).toContain('DUBAN_DATABASE_URL="mysql://duban:…@db/duban"');
    expect(err).not.toContain('hunter2');
  });

  it('runs every query on an index: no pass over a table on a hot path', async () => {
    const clock = { now: new Date('2015-06-01T00:00:00Z') };
    const url = await server.database();
    const store = await openPostgresStore(url, { now: () => clock.now, terms });
    const by = { platform: 'test', userId: 'u', userName: 'u', channelId: 'C', messageId: 'm' };
    const rec = await store.progress.add(
      { reportId: 'r', itemId: '4.3', targetId: '4.3#1', value: 5, kind: 'update', note: '河长 巡河', rawText: '' },
      by,
    );
    await store.progress.undo(rec, by, 'undo');
    // Enough rows, spread over items, targets, people and days, for the planner to prefer its indexes.
    const client = new pg.Client(url);
    await client.connect();
    await client.query(
      `INSERT INTO progress (report_id, item_id, target_id, value, kind, note, raw_text, platform, user_id, user_name,
         channel_id, created_at)
       SELECT 'r', (i % 40)::text || '.1', (i % 40)::text || '.1#' || (i % 3)::text, i, 'update', '', '', 'test',
         'u' || (i % 50)::text, 'u', 'C', '2015-05-' || lpad(((i % 28) + 1)::text, 2, '0') || 'T00:00:00Z'
       FROM generate_series(1, 20000) AS i`,
    );
    await client.query(
      "INSERT INTO progress_terms (term, progress_id) SELECT 'k' || (id % 500)::text, id FROM progress",
    );
    await client.query('ANALYZE');
    await client.end();
    await Promise.all([
      store.progress.get(rec.id),
      store.progress.history('r', '1.1'),
      store.progress.history('r', '1.1', 20, rec.id),
      store.progress.values('r', '1.1'),
      store.progress.latestForItem('r', '1.1'),
      store.progress.latestForItem('r', '1.1', '2015-07-01'),
      store.progress.latestNote('r', '1.1'),
      store.progress.lastUndoable('test', 'u'),
      store.progress.lastUpdatePerItem(),
      store.progress.window('r', '2015-05-30', '2015-06-02'),
      store.progress.between('2015-05-27', '2015-06-02', 10),
      store.progress.matching(['河长', 'k1']),
      store.handled.get('test', 'm'),
      store.threads.has('slack', 'C', '1'),
      store.digest.previousCoveredTo({ platform: 'slack', channelId: 'C' }, '2015-06-01'),
    ]);
    const plans = await store.plans();
    expect(plans.length).toBeGreaterThan(10);
    for (const { sql, plan } of plans) {
      // Whole-table passes are for counts. (Only the records' tables are big enough here for a plan to tell.)
      if (/COUNT\(\*\)/.test(sql)) continue;
      expect(plan.join(' | '), sql).not.toMatch(/Seq Scan on (?:progress|progress_terms)\b/);
    }
    await store.close();
  });

  it('keeps latest standings cached, and hears of another process’s write (or reads through while it cannot)', async () => {
    const url = await server.database();
    const [a, b] = await Promise.all([openPostgresStore(url), openPostgresStore(url)]);
    const by = { platform: 'test', userId: 'u', userName: 'u', channelId: 'C' };
    const add = (store: Store, value: number) =>
      store.progress.add(
        { reportId: 'r', itemId: '4.3', targetId: '4.3#1', value, kind: 'update', note: '', rawText: '' },
        by,
      );
    const latest = async (store: Store) => (await store.progress.latestForItem('r', '4.3')).get('4.3#1')?.value;
    await add(a, 1);
    expect(await latest(a)).toBe(1);
    await add(b, 2);
    // Heard within the milliseconds a notification takes.
    await until(async () => (await latest(a)) === 2, 2000, 'a to hear b’s write');
    expect((await a.progress.latestNote('r', '4.3'))?.value).toBe(2);
    // Its own write is seen at once.
    await add(a, 3);
    expect(await latest(a)).toBe(3);
    // With its listener cut off, a process reads through until it listens again.
    const admin = new pg.Client(url);
    await admin.connect();
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query ILIKE 'LISTEN%'");
    await admin.end();
    // b's write is not heard, yet a reads it once it notices the cut (at once), well before it listens again (1 s).
    await add(b, 4);
    await until(async () => (await latest(a)) === 4, 900, 'a to read through');
    await Promise.all([a.close(), b.close()]);
  });

  it('runs a unit of work started inside another as part of it: no second client, no deadlock, one rollback', async () => {
    const store = await openPostgresStore(await server.database());
    const by = { platform: 'test', userId: 'u', userName: 'u', channelId: 'C' };
    const rec = {
      reportId: 'r',
      itemId: '4.3',
      targetId: '4.3#1',
      value: 1,
      kind: 'update' as const,
      note: '',
      rawText: '',
    };
    await expect(
      store.transaction(async (tx) => {
        await tx.progress.add(rec, by);
        await store.transaction(async (inner) => {
          await inner.progress.add(rec, by);
          await inner.audit.record(by, 'progress', 'x', 'ok');
        });
        // The outer unit sees what the inner one wrote, before either commits.
        expect(await tx.progress.count()).toBe(2);
        throw new Error('taken back');
      }),
    ).rejects.toThrow('taken back');
    expect(await store.progress.count()).toBe(0);
    expect(await store.audit.recent()).toEqual([]);
    await store.close();
  });

  it('finds a term of several tokens ("4.3") as a phrase, as SQLite’s full-text index does', async () => {
    const terms = (t: string) => t.split(/\s+/).filter(Boolean);
    const store = await openPostgresStore(await server.database(), { terms, now });
    const by = { platform: 'test', userId: 'u', userName: 'u', channelId: 'C' };
    const add = (itemId: string, note: string) =>
      store.progress.add({ reportId: 'r', itemId, targetId: null, value: null, kind: 'update', note, rawText: '' }, by);
    await add('4.3', '进展 4.3 河长');
    await add('3.4', '进展 3 4 Über');
    expect((await store.progress.matching(['4.3'])).map((m) => m.itemId)).toEqual(['4.3']);
    expect((await store.progress.matching(['über'])).map((m) => m.itemId)).toEqual(['3.4']);
    expect((await store.progress.matching(['3.4', '河长'])).map((m) => m.itemId)).toEqual(['3.4', '4.3']);
    await store.close();
  });
});

/** Words and bigrams, as the search index gives them (jieba aside). */
const terms = (t: string) => [...t.toLowerCase().split(/\s+/).filter(Boolean), ...bigrams(t)];
const now = () => new Date('2015-06-01T00:00:00Z');
const notes = ['已引进领军人才及团队12个', '河长巡河120次', '完成4.3项目迁建', '新增就业岗位300个', 'Übergabe 1.8万个'];

/** The same records, undo and log in a store. */
async function fill(store: Store): Promise<void> {
  const by = (i: number): Actor => ({ platform: 'slack', userId: `U${i % 3}`, userName: `人${i % 3}`, channelId: 'C' });
  for (let i = 0; i < 30; i++) {
    const note = `${notes[i % notes.length]} 第${i}次`;
    const rec = await store.transaction(async (tx) => {
      const r = await tx.progress.add(
        { reportId: 'r', itemId: `${(i % 8) + 1}.1`, targetId: null, value: i, kind: 'update', note, rawText: note },
        { ...by(i), messageId: `m${i}` },
      );
      await tx.audit.record(by(i), 'progress', note, 'ok');
      await tx.handled.put('slack', `m${i}`, '{}');
      return r;
    });
    if (i % 7 === 3) await store.progress.undo(rec, by(i), '撤销');
  }
  await store.digest.setSubscribed({ platform: 'slack', channelId: 'C' }, true, 'slack:U0');
  for (const userId of ['U2', 'U1']) {
    await store.owners.assign(
      { reportId: 'r', itemId: '4.1', targetId: null, platform: 'slack', userId, name: userId },
      by(0),
    );
  }
  await store.owners.setUnit('r', '4.1', '市人社局', by(0));
}

const questions = [
  ['河长'],
  ['4.3'],
  ['人才', '团队'],
  ['1.8万个', '1.8'],
  ['über'],
  ['就业', '岗位', '第1次'],
  ['没有'],
];

describe('one answer whichever store is configured, and duban migrate', () => {
  it('finds the same records on SQLite and PostgreSQL', async () => {
    const sqlite = openSqliteStore(tempDir(), { terms, now });
    const postgres = await openPostgresStore(await server.database(), { terms, now });
    await fill(sqlite);
    await fill(postgres);
    for (const q of questions)
      expect(await postgres.progress.matching(q), q.join()).toEqual(await sqlite.progress.matching(q));
    await sqlite.close();
    await postgres.close();
  });

  it('copies a SQLite store with its ids, verifies it, adds nothing the second time, and refuses other rows', async () => {
    const dir = tempDir();
    const sqlite = openSqliteStore(dir, { terms, now });
    await fill(sqlite);
    const url = await server.database();
    const target = await openPostgresStore(url, { terms, now });
    const source = openDatabase(dir);
    const first = await copySqliteToPostgres(source, target.pool);
    expect(first.find((c) => c.table === 'progress')).toMatchObject({ source: 34, added: 34, target: 34 });
    expect(first.find((c) => c.table === 'subscriptions')).toMatchObject({ added: 1 });
    const again = await copySqliteToPostgres(source, target.pool);
    expect(again.every((c) => c.added === 0)).toBe(true);
    for (const q of questions)
      expect(await target.progress.matching(q), q.join()).toEqual(await sqlite.progress.matching(q));
    expect(await target.progress.history('r', '4.1')).toEqual(await sqlite.progress.history('r', '4.1'));
    expect(await target.audit.recent(100)).toEqual(await sqlite.audit.recent(100));
    expect(await target.owners.ofItem('r', '4.1')).toEqual(await sqlite.owners.ofItem('r', '4.1'));
    expect(await target.owners.units()).toEqual(await sqlite.owners.units());
    // New records go on after the copied ids.
    const next = await target.progress.add(
      { reportId: 'r', itemId: '1.1', targetId: null, value: 1, kind: 'update', note: '', rawText: '' },
      { platform: 'slack', userId: 'U9', userName: 'U9', channelId: 'C' },
    );
    expect(next.id).toBe(35);
    const other = await openPostgresStore(await server.database());
    await other.audit.record({ platform: 'slack', userId: 'X', userName: 'X', channelId: '' }, 'progress', 'x', 'ok');
    await expect(copySqliteToPostgres(source, other.pool)).rejects.toThrow(/other rows under the same ids/);
    expect(await other.progress.count()).toBe(0);
    source.close();
    await Promise.all([sqlite.close(), target.close(), other.close()]);
  });
});

describe('one leader among processes on one database', () => {
  it('runs the work in one process; another takes over when it stops or its connection is cut', async () => {
    const url = await server.database();
    const working: string[] = [];
    const work = (name: string) => async () => {
      working.push(name);
      return async () => {
        working.splice(working.indexOf(name), 1);
      };
    };
    const a = new PgLeadership(url, { intervalMs: 50 });
    const b = new PgLeadership(url, { intervalMs: 50 });
    await a.start(work('a'));
    // start() resolves after the first try for the lock: b has tried, and lost.
    await b.start(work('b'));
    expect(working).toEqual(['a']);
    await a.stop();
    await until(() => working.join() === 'b', 10000, 'b to lead');
    // The server ends b's session (as when its process dies): c, waiting, takes over; b stops its work.
    const c = new PgLeadership(url, { intervalMs: 50 });
    await c.start(work('c'));
    const admin = new pg.Client(url);
    await admin.connect();
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted
       AND objid = hashtext('duban:leader')::oid AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    await admin.end();
    await until(() => working.length === 1 && working[0] !== 'b' && !b.leading, 10000, 'c to lead');
    expect(working).toEqual(['c']);
    await Promise.all([b.stop(), c.stop()]);
    expect(working).toEqual([]);
  });
});
