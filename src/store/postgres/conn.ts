/**
 * A pool of PostgreSQL connections shared by the repositories, with the unit of work on top of it.
 * A transaction is one pooled client between BEGIN and COMMIT (ROLLBACK when it throws) that first
 * takes a transaction-level advisory lock, so units of work from every process run one after
 * another as they do under SQLite's write lock; within this process they also queue, so waiting
 * ones hold no client. The code running inside one is known by an AsyncLocalStorage token: a
 * repository call made there joins it, any other call takes a client of its own from the pool.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

/** The lock every unit of work takes (hashtext of a name, so it cannot meet another app's numbers by chance). */
const UNIT_OF_WORK = "hashtext('duban:unit-of-work')";

export class PgConn {
  private readonly context = new AsyncLocalStorage<pg.PoolClient>();
  private active?: pg.PoolClient;
  /** What to do once the running unit of work has committed. */
  private committed: (() => void)[] = [];
  private tail: Promise<unknown> = Promise.resolve();
  /** Statement names by text (each is parsed once per connection), with the values it last ran with. */
  private readonly names = new Map<string, { name: string; values: unknown[] }>();

  constructor(readonly pool: pg.Pool) {}

  private inside(): pg.PoolClient | undefined {
    const client = this.context.getStore();
    return client !== undefined && client === this.active ? client : undefined;
  }

  /** Rows of a statement: on the running unit of work's client when called inside one. */
  async query<R>(text: string, values: unknown[] = []): Promise<R[]> {
    let statement = this.names.get(text);
    if (!statement) {
      statement = { name: `duban_${this.names.size + 1}`, values };
      this.names.set(text, statement);
    }
    statement.values = values;
    const res = await (this.inside() ?? this.pool).query({ name: statement.name, text, values });
    return res.rows as R[];
  }

  /** True when called inside a unit of work (its reads may see its own writes, not yet committed). */
  get inUnit(): boolean {
    return this.inside() !== undefined;
  }

  /** Run `fn` after the running unit of work commits (never, if it rolls back). */
  afterCommit(fn: () => void): void {
    this.committed.push(fn);
  }

  /** Run `fn` as one transaction (or as part of the one it is called from). */
  transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inside()) return fn();
    const run = async (): Promise<T> => {
      const client = await this.pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        await client.query(`SELECT pg_advisory_xact_lock(${UNIT_OF_WORK})`);
        this.active = client;
        const out = await this.context.run(client, fn);
        await client.query('COMMIT');
        for (const f of this.committed) f();
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => {
          broken = e;
        });
        throw err;
      } finally {
        this.active = undefined;
        this.committed = [];
        // A client whose rollback failed is in an unknown state: it is closed, not reused.
        client.release(broken);
      }
    };
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /**
   * How PostgreSQL runs each query run so far: the generic plan its prepared statement keeps (the
   * pool's connections use no other), explained with the values it last had. Tests check indexes with it.
   */
  async plans(): Promise<{ sql: string; plan: string[] }[]> {
    const out: { sql: string; plan: string[] }[] = [];
    const client = await this.pool.connect();
    try {
      for (const [sql, { values }] of this.names) {
        if (!/^\s*(?:SELECT|WITH RECURSIVE)/i.test(sql)) continue;
        await client.query(`PREPARE duban_explain AS ${sql}`);
        // EXECUTE takes no bind parameters: the values go in as literals of the statement's types.
        const literal = (v: unknown): string =>
          v === null || v === undefined
            ? 'NULL'
            : client.escapeLiteral(
                Array.isArray(v)
                  ? `{${v.map((x) => `"${String(x).replace(/["\\]/g, '\\$&')}"`).join(',')}}`
                  : String(v),
              );
        const args = values.length ? `(${values.map(literal).join(', ')})` : '';
        const { rows } = await client.query(`EXPLAIN EXECUTE duban_explain${args}`);
        await client.query('DEALLOCATE duban_explain');
        out.push({ sql, plan: rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']) });
      }
    } finally {
      client.release();
    }
    return out;
  }

  /** Resolves when no transaction is open or queued. */
  async idle(): Promise<void> {
    await this.tail;
  }
}
