/**
 * The leader among processes on one PostgreSQL database: whoever holds a session advisory lock on
 * a connection of its own (not the pool's). Every few seconds a process that does not lead tries
 * the lock, and one that leads checks its connection. A leader that dies closes its connection
 * and the server frees the lock at once; one cut off from the server is dropped by it after the
 * TCP keepalives fail (about half a minute), and stops its own work when its check fails.
 */
import pg from 'pg';
import type { Leadership, LeaderWork } from '../types.js';

const LEADER = "hashtext('duban:leader')";

export interface LeaderOptions {
  /** How often to try the lock, or check the connection while leading. */
  intervalMs?: number;
  log?: (line: string) => void;
}

export class PgLeadership implements Leadership {
  private client?: pg.Client;
  private stopWork?: () => Promise<void>;
  private stopped = false;
  private wake?: () => void;
  private loop?: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly opts: LeaderOptions = {},
  ) {}

  /** Resolves after the first try for the lock (and the work started, when it was won). */
  start(work: LeaderWork): Promise<void> {
    return new Promise((tried) => {
      this.loop = this.run(work, tried);
    });
  }

  /** True while this process leads. */
  get leading(): boolean {
    return this.stopWork !== undefined;
  }

  private async run(work: LeaderWork, tried: () => void): Promise<void> {
    const log = this.opts.log ?? (() => {});
    while (!this.stopped) {
      try {
        const client = this.client ?? (await this.connect());
        if (!this.stopWork) {
          const { rows } = await client.query(`SELECT pg_try_advisory_lock(${LEADER}) AS got`);
          if (rows[0].got && !this.stopped) {
            log(`process ${process.pid} leads: it runs the digest schedule and one-login platforms`);
            this.stopWork = await work();
          }
        } else {
          await client.query('SELECT 1');
        }
      } catch (err) {
        log(`leadership check failed (${(err as Error).message}); trying again`);
        await this.resign();
      }
      tried();
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, this.opts.intervalMs ?? 5000).unref();
      });
    }
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.url, keepAlive: true, query_timeout: 10000 });
    // A lost connection shows as a failed check in the loop; the event must not end the process.
    client.on('error', () => undefined);
    this.client = client;
    await client.connect();
    // The server drops a leader that vanished from the network, freeing the lock for another.
    await client.query('SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3');
    return client;
  }

  /** Stop the work, if it runs, and close the connection (which frees the lock). */
  private async resign(): Promise<void> {
    const stop = this.stopWork;
    this.stopWork = undefined;
    const client = this.client;
    this.client = undefined;
    try {
      await stop?.();
    } finally {
      await client?.end().catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.resign();
  }
}
