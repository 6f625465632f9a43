/**
 * One leader among the processes sharing a store, for what must run once: the digest schedule
 * (later reminders) and a WeChat login. With SQLite there is one process, and it leads; with
 * PostgreSQL the leader is whoever holds an advisory lock on a connection of its own, and
 * another process takes over when that connection goes.
 */
import type { StoreLocation } from './index.js';

/** What the leader runs: start it, and get back how to stop it. */
export type LeaderWork = () => Promise<() => Promise<void>>;

export interface Leadership {
  /**
   * Run `work` whenever this process becomes the leader; its stop runs when leadership is lost.
   * Resolves after the first try: the work started (its error thrown) when this process leads.
   */
  start(work: LeaderWork): Promise<void>;
  /** Stop the work if it runs and give up leadership. */
  stop(): Promise<void>;
}

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
