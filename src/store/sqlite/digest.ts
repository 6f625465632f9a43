/** Digest state in SQLite: subscriptions, and one delivery row per (channel, date), claimed before sending. */
import type { Channel } from '../../chat/types.js';
import { CLAIM_ABANDONED_MS, type Delivery, type DigestRepository } from '../types.js';
import type { Conn } from './conn.js';

export class SqliteDigest implements DigestRepository {
  constructor(
    private readonly conn: Conn,
    private readonly now: () => Date = () => new Date(),
  ) {}

  setSubscribed(ch: Channel, on: boolean, by: string): Promise<boolean> {
    return this.conn.write(() => {
      const info = on
        ? this.conn
            .stmt('INSERT OR IGNORE INTO subscriptions (platform, channel_id, added_by, added_at) VALUES (?, ?, ?, ?)')
            .run(ch.platform, ch.channelId, by, this.now().toISOString())
        : this.conn
            .stmt('DELETE FROM subscriptions WHERE platform = ? AND channel_id = ?')
            .run(ch.platform, ch.channelId);
      return info.changes > 0;
    });
  }

  subscriptions(): Promise<Channel[]> {
    return this.conn.read(
      () =>
        this.conn
          .stmt('SELECT platform, channel_id AS channelId FROM subscriptions ORDER BY added_at')
          .all() as Channel[],
    );
  }

  private row(ch: Channel, date: string): Delivery | undefined {
    return this.conn
      .stmt(
        `SELECT platform, channel_id AS channelId, date, status, attempts, last_error AS lastError,
           covered_to AS coveredTo, updated_at AS updatedAt
         FROM digest_deliveries WHERE platform = ? AND channel_id = ? AND date = ?`,
      )
      .get(ch.platform, ch.channelId, date) as Delivery | undefined;
  }

  delivery(ch: Channel, date: string): Promise<Delivery | undefined> {
    return this.conn.read(() => this.row(ch, date));
  }

  previousCoveredTo(ch: Channel, before: string): Promise<string | undefined> {
    return this.conn.read(() => {
      const row = this.conn
        .stmt(
          `SELECT covered_to FROM digest_deliveries
           WHERE platform = ? AND channel_id = ? AND date < ? AND status = 'sent' ORDER BY date DESC LIMIT 1`,
        )
        .get(ch.platform, ch.channelId, before) as { covered_to: string } | undefined;
      return row?.covered_to || undefined;
    });
  }

  claim(ch: Channel, date: string): Promise<boolean> {
    return this.conn.transaction(() => {
      const d = this.row(ch, date);
      const now = this.now();
      if (d?.status === 'sent') return false;
      if (d?.status === 'sending' && now.getTime() - new Date(d.updatedAt).getTime() < CLAIM_ABANDONED_MS) return false;
      this.conn
        .stmt(
          `INSERT INTO digest_deliveries (platform, channel_id, date, status, attempts, updated_at)
           VALUES (?, ?, ?, 'sending', 1, ?)
           ON CONFLICT (platform, channel_id, date)
           DO UPDATE SET status = 'sending', attempts = attempts + 1, updated_at = excluded.updated_at`,
        )
        .run(ch.platform, ch.channelId, date, now.toISOString());
      return true;
    });
  }

  markSent(ch: Channel, date: string, coveredTo: string): Promise<void> {
    return this.conn.write(() => {
      this.conn
        .stmt(
          `UPDATE digest_deliveries SET status = 'sent', covered_to = ?, last_error = '', updated_at = ?
           WHERE platform = ? AND channel_id = ? AND date = ?`,
        )
        .run(coveredTo, this.now().toISOString(), ch.platform, ch.channelId, date);
    });
  }

  markFailed(ch: Channel, date: string, error: string): Promise<void> {
    return this.conn.write(() => {
      this.conn
        .stmt(
          `UPDATE digest_deliveries SET status = 'failed', last_error = ?, updated_at = ?
           WHERE platform = ? AND channel_id = ? AND date = ?`,
        )
        .run(error.slice(0, 1000), this.now().toISOString(), ch.platform, ch.channelId, date);
    });
  }
}
