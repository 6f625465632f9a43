/**
 * Copy a SQLite store into a PostgreSQL one (`duban migrate`), keeping every id (an undo points at
 * the record it undoes). Every table both stores have is copied row for row, tables added later
 * (owners…) included; rows already there are left alone, so a second run adds nothing. The whole
 * copy is one unit of work. It is then verified: every source row is found by its key, and the
 * append-only tables (records, audit) hold the very same rows, else nothing is kept.
 */
import type Database from 'better-sqlite3';
import type pg from 'pg';
import { StoreError } from '../types.js';
import { recordKeys } from './terms.js';

const BATCH = 1000;
/** Tables that only grow: a row under a copied id must be the copied row. */
const APPEND_ONLY = new Set(['progress', 'audit']);

/** SQLite's own tables: the full-text index (copied as search keys) and its shadow tables. */
const SQLITE_ONLY = /^(?:sqlite_|progress_fts)/;

export interface TableCopy {
  table: string;
  /** Rows in the SQLite store. */
  source: number;
  /** Of those, how many this run added. */
  added: number;
  /** Rows in PostgreSQL after the copy. */
  target: number;
}

async function columnsOf(client: pg.PoolClient, table: string): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT a.attname AS name FROM pg_attribute a
     WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [table],
  );
  return rows.map((r: { name: string }) => r.name);
}

async function keyOf(client: pg.PoolClient, table: string): Promise<string[]> {
  const { rows } = await client.query(
    `SELECT a.attname AS name FROM pg_index i
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
     WHERE i.indrelid = to_regclass($1) AND i.indisprimary`,
    [table],
  );
  return rows.map((r: { name: string }) => r.name);
}

/** Copy every shared table of `source` into the database behind `pool`; what was copied, table by table. */
export async function copySqliteToPostgres(source: Database.Database, pool: pg.Pool): Promise<TableCopy[]> {
  const sqliteTables = (
    source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
  ).map((t) => t.name);
  const client = await pool.connect();
  const out: TableCopy[] = [];
  try {
    await client.query('BEGIN');
    // Units of work of running processes wait for the copy (the lock conn.ts takes).
    await client.query("SELECT pg_advisory_xact_lock(hashtext('duban:unit-of-work'))");
    for (const table of sqliteTables.filter((t) => !SQLITE_ONLY.test(t))) {
      const columns = await columnsOf(client, table);
      if (!columns.length) throw new StoreError(`${table} has no table in PostgreSQL: this duban cannot copy it.`);
      const inSource = new Set(
        source
          .prepare(`SELECT * FROM "${table}" LIMIT 0`)
          .columns()
          .map((c) => c.name),
      );
      const shared = columns.filter((c) => inSource.has(c));
      const key = await keyOf(client, table);
      const { n: before } = (await client.query(`SELECT COUNT(*)::integer AS n FROM "${table}"`)).rows[0];
      let found = 0;
      let same = 0;
      const select = source.prepare(`SELECT ${shared.map((c) => `"${c}"`).join(', ')} FROM "${table}" ORDER BY rowid`);
      const rows = select.all() as Record<string, unknown>[];
      for (let i = 0; i < rows.length; i += BATCH) {
        const batch = JSON.stringify(rows.slice(i, i + BATCH));
        const list = shared.map((c) => `"${c}"`).join(', ');
        await client.query(
          `INSERT INTO "${table}" (${list})
           SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1) ON CONFLICT DO NOTHING`,
          [batch],
        );
        const on = key.map((c) => `t."${c}" = s."${c}"`).join(' AND ');
        const equal = shared.map((c) => `t."${c}" IS NOT DISTINCT FROM s."${c}"`).join(' AND ');
        const { rows: check } = await client.query(
          `SELECT COUNT(*)::integer AS found, COUNT(*) FILTER (WHERE ${equal})::integer AS same
           FROM json_populate_recordset(NULL::"${table}", $1) s JOIN "${table}" t ON ${on}`,
          [batch],
        );
        found += check[0].found;
        same += check[0].same;
      }
      const { n: after } = (await client.query(`SELECT COUNT(*)::integer AS n FROM "${table}"`)).rows[0];
      if (found !== rows.length) {
        throw new StoreError(`${table}: ${rows.length - found} of ${rows.length} rows could not be copied.`);
      }
      if (APPEND_ONLY.has(table) && same !== rows.length) {
        throw new StoreError(
          `${table}: the database holds ${rows.length - same} other rows under the same ids; ` +
            'migrate into an empty database (nothing was copied).',
        );
      }
      out.push({ table, source: rows.length, added: after - before, target: after });
      if (key.length === 1 && key[0] === 'id') {
        await client.query(
          `SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT MAX(id) FROM "${table}"), 1))`,
        );
      }
    }
    if (sqliteTables.includes('progress_fts')) await copySearchKeys(source, client);
    await client.query('COMMIT');
    // Statistics for what was just copied, so queries are planned for the tables as they now are.
    await client.query('ANALYZE');
    return out;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The search terms SQLite kept for each record, as PostgreSQL's search keys. */
async function copySearchKeys(source: Database.Database, client: pg.PoolClient): Promise<void> {
  const rows = source.prepare('SELECT rowid AS id, terms FROM progress_fts ORDER BY rowid').all() as {
    id: number;
    terms: string;
  }[];
  for (let i = 0; i < rows.length; i += BATCH) {
    const terms: string[] = [];
    const ids: number[] = [];
    for (const r of rows.slice(i, i + BATCH)) {
      for (const k of recordKeys([r.terms])) {
        terms.push(k);
        ids.push(r.id);
      }
    }
    await client.query(
      `INSERT INTO progress_terms (term, progress_id) SELECT * FROM unnest($1::text[], $2::integer[])
       ON CONFLICT DO NOTHING`,
      [terms, ids],
    );
  }
}
