/**
 * One leader among the processes sharing a store, for what must run once: the digest schedule
 * (later reminders) and a WeChat login. With SQLite there is one process, and it leads; with
 * PostgreSQL the leader is whoever holds an advisory lock on a connection of its own, and
 * another process takes over when that connection goes.
 */
import type { StoreLocation } from './index.js';
import type { Leadership, LeaderWork } from './types.js';

/** The single process of an embedded store: the leader from the start. */
class SoleLeader implements Leadership {
  private stopWork?: () => Promise<void>;

  async start(work: LeaderWork): Promise<void> {
    this.stopWork = await work();
  }

  async stop(): Promise<void> {
    const stop = this.stopWork;
    this.stopWork = undefined;
    await stop?.();
  }
}

/** Leadership for the configured store. */
export async function openLeadership(where: StoreLocation, log: (line: string) => void): Promise<Leadership> {
  if (!where.DUBAN_DATABASE_URL) return new SoleLeader();
  const { PgLeadership } = await import('./postgres/leader.js');
  return new PgLeadership(where.DUBAN_DATABASE_URL, { log });
}
