/**
 * One SQLite connection shared by the repositories, with the unit of work on top of it. A
 * transaction is `BEGIN IMMEDIATE … COMMIT` (other processes wait on the write lock); within
 * this process, transactions queue one after another, and the code running inside one is known
 * by an AsyncLocalStorage token, so a repository call made there joins it while a call from
 * anywhere else waits for it to end. Statements are prepared once and reused.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';

export class Conn {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly context = new AsyncLocalStorage<object>();
  private active?: object;
  private tail: Promise<unknown> = Promise.resolve();
  /** Moves at every rollback: caches of what this connection read inside a unit that was taken back key on it. */
  generation = 0;

  constructor(readonly db: Database.Database) {}

  /** A prepared statement, made on first use. */
  stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  private inside(): boolean {
    return this.active !== undefined && this.context.getStore() === this.active;
  }

  /** Run `fn` as one transaction (or as part of the one it is called from). */
  transaction<T>(fn: () => Promise<T> | T): Promise<T> {
    if (this.inside()) return Promise.resolve(fn());
    const run = async (): Promise<T> => {
      const token = {};
      this.db.exec('BEGIN IMMEDIATE');
      this.active = token;
      try {
        const out = await this.context.run(token, fn);
        this.db.exec('COMMIT');
        return out;
      } catch (err) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        this.generation++;
        throw err;
      } finally {
        this.active = undefined;
      }
    };
    const next = this.tail.then(run, run);
    this.tail = next.catch(() => undefined);
    return next;
  }

  /** How SQLite runs each query prepared so far (`EXPLAIN QUERY PLAN`), for checking indexes. */
  plans(): { sql: string; plan: string[] }[] {
    return [...this.statements.keys()]
      .filter((sql) => /^\s*SELECT/i.test(sql))
      .map((sql) => {
        const params = new Array<null>((sql.match(/\?/g) ?? []).length).fill(null);
        const rows = this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
        return { sql, plan: rows.map((r) => r.detail) };
      });
  }

  /** Resolves when no transaction is open or queued. */
  async idle(): Promise<void> {
    await this.tail;
  }

  /** A read: at once inside a transaction or when none is open, else after the open one ends. */
  async read<T>(fn: () => T): Promise<T> {
    if (this.active && !this.inside()) await this.tail;
    return fn();
  }

  /** A write: part of the running transaction, or one of its own. */
  write<T>(fn: () => T): Promise<T> {
    return this.transaction(fn);
  }
}
