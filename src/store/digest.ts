/**
 * Digest state: which channels subscribed, and which (channel, date) digests were delivered.
 * A delivery is claimed in one transaction before sending, so a retry or a second process
 * cannot send the same day's digest again.
 */
import type Database from 'better-sqlite3';
import type { Channel } from '../chat/types.js';

export type { Channel } from '../chat/types.js';

export interface Delivery extends Channel {
  date: string;
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string;
  coveredTo: string;
  updatedAt: string;
}

/** A claim on a 'sending' row older than this is taken to be from a process that died. */
const ABANDONED_MS = 10 * 60 * 1000;

export class DigestRepo {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Subscribe (true) or unsubscribe; returns false when nothing changed. */
  setSubscribed(ch: Channel, on: boolean, by: string): boolean {
    const info = on
      ? this.db.prepare('INSERT OR IGNORE INTO subscriptions (platform, channel_id, added_by, added_at) VALUES (?, ?, ?, ?)').run(ch.platform, ch.channelId, by, this.now().toISOString())
      : this.db.prepare('DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?').run(ch.platform, ch.channelId);
    return info.changes > 0;
  }

  subscriptions(): Channel[] {
    return this.db.prepare('SELECT platform, channel_id AS channelId FROM subscriptions ORDER BY added_at').all() as Channel[];
  }

  delivery(ch: Channel, date: string): Delivery | undefined {
    return this.db
      .prepare(
        `SELECT platform, channel_id AS channelId, date, status, attempts, last_error AS lastError, covered_to AS coveredTo, updated_at AS updatedAt
         FROM digest_deliveries WHERE platform = ? AND channel_id = ? AND date = ?`,
      )
      .get(ch.platform, ch.channelId, date) as Delivery | undefined;
  }

  /** Where the previous delivered digest of a channel stopped (ISO time), if any. */
  previousCoveredTo(ch: Channel, before: string): string | undefined {
    const row = this.db
      .prepare(`SELECT covered_to FROM digest_deliveries WHERE platform = ? AND channel_id = ? AND date < ? AND status = 'sent' ORDER BY date DESC LIMIT 1`)
      .get(ch.platform, ch.channelId, before) as { covered_to: string } | undefined;
    return row?.covered_to || undefined;
  }

  /**
   * Claim the right to send a channel's digest for a date. False when it was sent already, or
   * another sender holds a fresh claim.
   */
  claim(ch: Channel, date: string): boolean {
    return this.db
      .transaction(() => {
        const d = this.delivery(ch, date);
        const now = this.now();
        if (d?.status === 'sent') return false;
        if (d?.status === 'sending' && now.getTime() - new Date(d.updatedAt).getTime() < ABANDONED_MS) return false;
        this.db
          .prepare(
            `INSERT INTO digest_deliveries (platform, channel_id, date, status, attempts, updated_at) VALUES (?, ?, ?, 'sending', 1, ?)
             ON CONFLICT (platform, channel_id, date) DO UPDATE SET status = 'sending', attempts = attempts + 1, updated_at = excluded.updated_at`,
          )
          .run(ch.platform, ch.channelId, date, now.toISOString());
        return true;
      })
      .immediate();
  }

  markSent(ch: Channel, date: string, coveredTo: string): void {
    this.db
      .prepare(`UPDATE digest_deliveries SET status = 'sent', covered_to = ?, last_error = '', updated_at = ? WHERE platform = ? AND channel_id = ? AND date = ?`)
      .run(coveredTo, this.now().toISOString(), ch.platform, ch.channelId, date);
  }

  markFailed(ch: Channel, date: string, error: string): void {
    this.db
      .prepare(`UPDATE digest_deliveries SET status = 'failed', last_error = ?, updated_at = ? WHERE platform = ? AND channel_id = ? AND date = ?`)
      .run(error.slice(0, 1000), this.now().toISOString(), ch.platform, ch.channelId, date);
  }
}
