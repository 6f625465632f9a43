/**
 * 督办 state in PostgreSQL: owners and lead units of items, reminders and snoozes. A reminder is
 * claimed like a digest delivery, by one upsert that only takes a row nobody holds, so one process
 * among many sends it.
 */
import { qualify } from '../../chat/ids.js';
import {
  type Actor,
  CLAIM_ABANDONED_MS,
  type NewOwner,
  type Owner,
  type OwnerRepository,
  type Reminded,
  type ReminderRepository,
} from '../types.js';
import type { PgConn } from './conn.js';

const OWNER = `SELECT report_id AS "reportId", item_id AS "itemId", NULLIF(target_id, '') AS "targetId", platform,
  user_id AS "userId", name, assigned_by AS "assignedBy", assigned_at AS "assignedAt" FROM owners`;

type Clock = () => Date;
const systemClock: Clock = () => new Date();

export class PgOwners implements OwnerRepository {
  constructor(
    private readonly conn: PgConn,
    private readonly now: Clock = systemClock,
  ) {}

  async assign(o: NewOwner, by: Actor): Promise<boolean> {
    const rows = await this.conn.query(
      `INSERT INTO owners (report_id, item_id, target_id, platform, user_id, name, assigned_by, assigned_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING 1`,
      [
        o.reportId,
        o.itemId,
        o.targetId ?? '',
        o.platform,
        o.userId,
        o.name,
        qualify(by.platform, by.userId),
        this.now().toISOString(),
      ],
    );
    return rows.length > 0;
  }

  async unassign(o: Omit<NewOwner, 'name'>): Promise<boolean> {
    const rows = await this.conn.query(
      `DELETE FROM owners WHERE report_id = $1 AND item_id = $2 AND target_id = $3 AND platform = $4 AND user_id = $5
       RETURNING 1`,
      [o.reportId, o.itemId, o.targetId ?? '', o.platform, o.userId],
    );
    return rows.length > 0;
  }

  all(): Promise<Owner[]> {
    return this.conn.query<Owner>(`${OWNER} ORDER BY assigned_at, seq`);
  }

  ofItem(reportId: string, itemId: string): Promise<Owner[]> {
    return this.conn.query<Owner>(`${OWNER} WHERE report_id = $1 AND item_id = $2 ORDER BY assigned_at, seq`, [
      reportId,
      itemId,
    ]);
  }

  ofUser(platform: string, userId: string): Promise<Owner[]> {
    return this.conn.query<Owner>(
      `${OWNER} WHERE platform = $1 AND user_id = $2 ORDER BY report_id, item_id, target_id`,
      [platform, userId],
    );
  }

  async setUnit(reportId: string, itemId: string, unit: string, by: Actor): Promise<void> {
    if (!unit) {
      await this.conn.query('DELETE FROM lead_units WHERE report_id = $1 AND item_id = $2', [reportId, itemId]);
      return;
    }
    await this.conn.query(
      `INSERT INTO lead_units (report_id, item_id, unit, set_by, set_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (report_id, item_id) DO UPDATE SET unit = excluded.unit, set_by = excluded.set_by,
         set_at = excluded.set_at`,
      [reportId, itemId, unit, qualify(by.platform, by.userId), this.now().toISOString()],
    );
  }

  async units(): Promise<Map<string, string>> {
    const rows = await this.conn.query<{ report_id: string; item_id: string; unit: string }>(
      'SELECT report_id, item_id, unit FROM lead_units',
    );
    return new Map(rows.map((r) => [`${r.report_id}:${r.item_id}`, r.unit]));
  }
}

export class PgReminders implements ReminderRepository {
  constructor(
    private readonly conn: PgConn,
    private readonly now: Clock = systemClock,
  ) {}

  async claim(who: Reminded, period: string): Promise<boolean> {
    const now = this.now();
    const rows = await this.conn.query(
      `INSERT INTO reminders AS r (platform, user_id, period, status, attempts, updated_at)
       VALUES ($1, $2, $3, 'sending', 1, $4)
       ON CONFLICT (platform, user_id, period) DO UPDATE
         SET status = 'sending', attempts = r.attempts + 1, updated_at = excluded.updated_at
         WHERE r.status = 'failed' OR (r.status = 'sending' AND r.updated_at <= $5)
       RETURNING 1`,
      [who.platform, who.userId, period, now.toISOString(), new Date(now.getTime() - CLAIM_ABANDONED_MS).toISOString()],
    );
    return rows.length === 1;
  }

  async held(who: Reminded, period: string): Promise<string | undefined> {
    const rows = await this.conn.query<{ updated_at: string }>(
      `SELECT updated_at FROM reminders WHERE platform = $1 AND user_id = $2 AND period = $3 AND status = 'sending'`,
      [who.platform, who.userId, period],
    );
    return rows[0]?.updated_at;
  }

  markSent(who: Reminded, period: string, items: { reportId: string; itemId: string }[]): Promise<void> {
    return this.conn.transaction(async () => {
      const at = this.now().toISOString();
      await this.conn.query(
        `UPDATE reminders SET status = 'sent', last_error = '', updated_at = $1
         WHERE platform = $2 AND user_id = $3 AND period = $4`,
        [at, who.platform, who.userId, period],
      );
      await this.conn.query(
        `INSERT INTO reminded_items (platform, user_id, period, report_id, item_id, sent_at)
         SELECT $1, $2, $3, i.report_id, i.item_id, $4 FROM unnest($5::text[], $6::text[]) AS i(report_id, item_id)
         ON CONFLICT DO NOTHING`,
        [who.platform, who.userId, period, at, items.map((i) => i.reportId), items.map((i) => i.itemId)],
      );
    });
  }

  async markFailed(who: Reminded, period: string, error: string): Promise<void> {
    await this.conn.query(
      `UPDATE reminders SET status = 'failed', last_error = $1, updated_at = $2
       WHERE platform = $3 AND user_id = $4 AND period = $5`,
      [error.slice(0, 500), this.now().toISOString(), who.platform, who.userId, period],
    );
  }

  async lastReminded(before = '9999'): Promise<Map<string, string>> {
    const rows = await this.conn.query<{ report_id: string; item_id: string; at: string }>(
      'SELECT report_id, item_id, MAX(sent_at) AS at FROM reminded_items WHERE sent_at < $1 GROUP BY report_id, item_id',
      [before],
    );
    return new Map(rows.map((r) => [`${r.report_id}:${r.item_id}`, r.at]));
  }

  async snooze(reportId: string, itemId: string, until: string, by: Actor): Promise<void> {
    await this.conn.query(
      `INSERT INTO snoozes (report_id, item_id, until, set_by, set_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (report_id, item_id) DO UPDATE SET until = excluded.until, set_by = excluded.set_by,
         set_at = excluded.set_at`,
      [reportId, itemId, until, qualify(by.platform, by.userId), this.now().toISOString()],
    );
  }

  async snoozed(at: string): Promise<Map<string, string>> {
    const rows = await this.conn.query<{ report_id: string; item_id: string; until: string }>(
      'SELECT report_id, item_id, until FROM snoozes WHERE until > $1',
      [at],
    );
    return new Map(rows.map((r) => [`${r.report_id}:${r.item_id}`, r.until]));
  }
}
