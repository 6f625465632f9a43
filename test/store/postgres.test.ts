import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/index.js';
import { StoreError } from '../../src/store/types.js';
import { startPostgres, type TestPostgres } from '../fakes/postgres.js';
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

  it('finds a term of several tokens ("4.3") as a phrase, as SQLite’s full-text index does', async () => {
    const terms = (t: string) => t.split(/\s+/).filter(Boolean);
    const store = await openPostgresStore(await server.database(), { terms });
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
