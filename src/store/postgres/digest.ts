/**
 * Digest state in PostgreSQL: subscriptions, and one delivery row per (channel, date). A claim is
 * one upsert that only takes a row nobody holds (new, failed, or claimed so long ago that its
 * sender must have died): the row lock it takes makes it one winner among any number of processes.
 */
import type { Channel } from '../../chat/types.js';
import { CLAIM_ABANDONED_MS, type Delivery, type DigestRepository } from '../types.js';
import type { PgConn } from './conn.js';

export class PgDigest implements DigestRepository {
  constructor(
    private readonly conn: PgConn,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async setSubscribed(ch: Channel, on: boolean, by: string): Promise<boolean> {
    const rows = on
      ? await this.conn.query(
          `INSERT INTO subscriptions (platform, channel_id, added_by, added_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT DO NOTHING RETURNING 1`,
          [ch.platform, ch.channelId, by, this.now().toISOString()],
        )
      : await this.conn.query('DELETE FROM subscriptions WHERE platform = $1 AND channel_id = $2 RETURNING 1', [
          ch.platform,
          ch.channelId,
        ]);
    return rows.length > 0;
  }

  subscriptions(): Promise<Channel[]> {
    return this.conn.query<Channel>(
      'SELECT platform, channel_id AS "channelId" FROM subscriptions ORDER BY added_at, platform, channel_id',
    );
  }

  async delivery(ch: Channel, date: string): Promise<Delivery | undefined> {
    const [row] = await this.conn.query<Delivery>(
      `SELECT platform, channel_id AS "channelId", date, status, attempts, last_error AS "lastError",
         covered_to AS "coveredTo", updated_at AS "updatedAt"
       FROM digest_deliveries WHERE platform = $1 AND channel_id = $2 AND date = $3`,
      [ch.platform, ch.channelId, date],
    );
    return row;
  }

  async previousCoveredTo(ch: Channel, before: string): Promise<string | undefined> {
    const [row] = await this.conn.query<{ covered_to: string }>(
      `SELECT covered_to FROM digest_deliveries
       WHERE platform = $1 AND channel_id = $2 AND date < $3 AND status = 'sent' ORDER BY date DESC LIMIT 1`,
      [ch.platform, ch.channelId, before],
    );
    return row?.covered_to || undefined;
  }

  async claim(ch: Channel, date: string): Promise<boolean> {
    const now = this.now();
    const rows = await this.conn.query(
      `INSERT INTO digest_deliveries AS d (platform, channel_id, date, status, attempts, updated_at)
       VALUES ($1, $2, $3, 'sending', 1, $4)
       ON CONFLICT (platform, channel_id, date) DO UPDATE
         SET status = 'sending', attempts = d.attempts + 1, updated_at = excluded.updated_at
         WHERE d.status = 'failed' OR (d.status = 'sending' AND d.updated_at <= $5)
       RETURNING 1`,
      [ch.platform, ch.channelId, date, now.toISOString(), new Date(now.getTime() - CLAIM_ABANDONED_MS).toISOString()],
    );
    return rows.length === 1;
  }

  async markSent(ch: Channel, date: string, coveredTo: string): Promise<void> {
    await this.conn.query(
      `UPDATE digest_deliveries SET status = 'sent', covered_to = $1, last_error = '', updated_at = $2
       WHERE platform = $3 AND channel_id = $4 AND date = $5`,
      [coveredTo, this.now().toISOString(), ch.platform, ch.channelId, date],
    );
  }

  async markFailed(ch: Channel, date: string, error: string): Promise<void> {
    await this.conn.query(
      `UPDATE digest_deliveries SET status = 'failed', last_error = $1, updated_at = $2
       WHERE platform = $3 AND channel_id = $4 AND date = $5`,
      [error.slice(0, 1000), this.now().toISOString(), ch.platform, ch.channelId, date],
    );
  }
}
