/**
 * The shared store: one PostgreSQL database behind the store interfaces, for several duban
 * processes at once. Loaded (with the `pg` client) only when DUBAN_DATABASE_URL is set.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import type { Store, StoreOptions } from '../types.js';
import { StoreError } from '../types.js';
import { ProgressChanges } from './changes.js';
import { PgConn } from './conn.js';
import { cannotConnect, migrate } from './db.js';
import { PgDigest } from './digest.js';
import { PgOwners, PgReminders } from './owners.js';
import { PgProgress } from './progress.js';
import { PgAudit, PgHandled, PgPending, PgSends, PgThreads } from './state.js';

export interface PostgresStore extends Store {
  /** The connection pool (`duban migrate` copies through it). */
  readonly pool: pg.Pool;
  /** How each query run so far is executed (tests check indexes with it). */
  plans: PgConn['plans'];
}

/** Open (and migrate) the database at `url`; a StoreError in one line when it cannot be used. */
export async function openPostgresStore(url: string, opts: StoreOptions = {}): Promise<PostgresStore> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: 10000,
    options: '-c plan_cache_mode=force_generic_plan',
  });
  // A pooled client that loses its server is dropped and replaced; the error must not end the process.
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err instanceof StoreError ? err : cannotConnect(url, err);
  }
  const conn = new PgConn(pool);
  const changes = new ProgressChanges(url);
  await changes.start();
  const repos = {
    progress: new PgProgress(conn, opts.terms, opts.now, changes),
    audit: new PgAudit(conn, opts.now),
    handled: new PgHandled(conn, opts.now),
    digest: new PgDigest(conn, opts.now),
    threads: new PgThreads(conn, opts.now),
    sends: new PgSends(conn),
    pending: new PgPending(conn, opts.now),
    owners: new PgOwners(conn, opts.now),
    reminders: new PgReminders(conn, opts.now),
  };
  return {
    ...repos,
    pool,
    plans: () => conn.plans(),
    // The repositories join the running unit of work by themselves: `tx` is the same set.
    transaction: (fn) => conn.transaction(() => fn(repos)),
    backup: (file) => dump(url, file),
    close: async () => {
      await conn.idle();
      await changes.close();
      await pool.end();
    },
  };
}

/** `pg_dump` of the database into `file` (one consistent snapshot, taken while the store stays in use). */
function dump(url: string, file: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('pg_dump', ['--format=custom', '--file', file, '--dbname', url], { stdio: 'pipe' });
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.once('error', (err) =>
      reject(
        new StoreError(
          `pg_dump cannot be run (${(err as NodeJS.ErrnoException).code}): install the PostgreSQL client.`,
        ),
      ),
    );
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new StoreError(`pg_dump failed: ${stderr.trim().split('\n')[0]}`)),
    );
  });
}
