/** 督办 state in SQLite: owners and lead units of items, reminders (claimed like digest deliveries) and snoozes. */
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
import type { Conn } from './conn.js';

const OWNER = `SELECT report_id AS reportId, item_id AS itemId, NULLIF(target_id, '') AS targetId, platform,
  user_id AS userId, name, assigned_by AS assignedBy, assigned_at AS assignedAt FROM owners`;

export class SqliteOwners implements OwnerRepository {
  constructor(
    private readonly conn: Conn,
    private readonly now: () => Date = () => new Date(),
  ) {}

  assign(o: NewOwner, by: Actor): Promise<boolean> {
    return this.conn.write(
      () =>
        this.conn
          .stmt(
            `INSERT OR IGNORE INTO owners (report_id, item_id, target_id, platform, user_id, name, assigned_by, assigned_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            o.reportId,
            o.itemId,
            o.targetId ?? '',
            o.platform,
            o.userId,
            o.name,
            qualify(by.platform, by.userId),
            this.now().toISOString(),
          ).changes > 0,
    );
  }

  unassign(o: Omit<NewOwner, 'name'>): Promise<boolean> {
    return this.conn.write(
      () =>
        this.conn
          .stmt(
            'DELETE FROM owners WHERE report_id = ? AND item_id = ? AND target_id = ? AND platform = ? AND user_id = ?',
          )
          .run(o.reportId, o.itemId, o.targetId ?? '', o.platform, o.userId).changes > 0,
    );
  }

  all(): Promise<Owner[]> {
    return this.conn.read(() => this.conn.stmt(`${OWNER} ORDER BY assigned_at, rowid`).all() as Owner[]);
  }

  ofItem(reportId: string, itemId: string): Promise<Owner[]> {
    return this.conn.read(
      () =>
        this.conn
          .stmt(`${OWNER} WHERE report_id = ? AND item_id = ? ORDER BY assigned_at, rowid`)
          .all(reportId, itemId) as Owner[],
    );
  }

  ofUser(platform: string, userId: string): Promise<Owner[]> {
    return this.conn.read(
      () =>
        this.conn
          .stmt(`${OWNER} WHERE platform = ? AND user_id = ? ORDER BY report_id, item_id, target_id`)
          .all(platform, userId) as Owner[],
    );
  }

  setUnit(reportId: string, itemId: string, unit: string, by: Actor): Promise<void> {
    return this.conn.write(() => {
      if (!unit) {
        this.conn.stmt('DELETE FROM lead_units WHERE report_id = ? AND item_id = ?').run(reportId, itemId);
        return;
      }
      this.conn
        .stmt(
          `INSERT INTO lead_units (report_id, item_id, unit, set_by, set_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (report_id, item_id) DO UPDATE SET unit = excluded.unit, set_by = excluded.set_by,
             set_at = excluded.set_at`,
        )
        .run(reportId, itemId, unit, qualify(by.platform, by.userId), this.now().toISOString());
    });
  }

  units(): Promise<Map<string, string>> {
    return this.conn.read(() => {
      const rows = this.conn.stmt('SELECT report_id, item_id, unit FROM lead_units').all() as {
        report_id: string;
        item_id: string;
        unit: string;
      }[];
      return new Map(rows.map((r) => [`${r.report_id}:${r.item_id}`, r.unit]));
    });
  }
}

export class SqliteReminders implements ReminderRepository {
  constructor(
    private readonly conn: Conn,
    private readonly now: () => Date = () => new Date(),
  ) {}

  claim(who: Reminded, period: string): Promise<boolean> {
    return this.conn.transaction(() => {
      const row = this.conn
        .stmt('SELECT status, updated_at FROM reminders WHERE platform = ? AND user_id = ? AND period = ?')
        .get(who.platform, who.userId, period) as { status: string; updated_at: string } | undefined;
      const now = this.now();
      if (row?.status === 'sent') return false;
      if (row?.status === 'sending' && now.getTime() - new Date(row.updated_at).getTime() < CLAIM_ABANDONED_MS)
        return false;
      this.conn
        .stmt(
          `INSERT INTO reminders (platform, user_id, period, status, attempts, updated_at)
           VALUES (?, ?, ?, 'sending', 1, ?)
           ON CONFLICT (platform, user_id, period)
           DO UPDATE SET status = 'sending', attempts = attempts + 1, updated_at = excluded.updated_at`,
        )
        .run(who.platform, who.userId, period, now.toISOString());
      return true;
    });
  }

  held(who: Reminded, period: string): Promise<string | undefined> {
    return this.conn.read(() => {
      const row = this.conn
        .stmt(
          "SELECT updated_at FROM reminders WHERE platform = ? AND user_id = ? AND period = ? AND status = 'sending'",
        )
        .get(who.platform, who.userId, period) as { updated_at: string } | undefined;
      return row?.updated_at;
    });
  }

  markSent(who: Reminded, period: string, items: { reportId: string; itemId: string }[]): Promise<void> {
    return this.conn.transaction(() => {
      const at = this.now().toISOString();
      this.conn
        .stmt(
          `UPDATE reminders SET status = 'sent', last_error = '', updated_at = ?
           WHERE platform = ? AND user_id = ? AND period = ?`,
        )
        .run(at, who.platform, who.userId, period);
      const add = this.conn.stmt(
        `INSERT OR IGNORE INTO reminded_items (platform, user_id, period, report_id, item_id, sent_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      );
      for (const i of items) add.run(who.platform, who.userId, period, i.reportId, i.itemId, at);
    });
  }

  markFailed(who: Reminded, period: string, error: string): Promise<void> {
    return this.conn.write(() => {
      this.conn
        .stmt(
          `UPDATE reminders SET status = 'failed', last_error = ?, updated_at = ?
           WHERE platform = ? AND user_id = ? AND period = ?`,
        )
        .run(error.slice(0, 500), this.now().toISOString(), who.platform, who.userId, period);
    });
  }

  lastReminded(before = '9999'): Promise<Map<string, string>> {
    return this.conn.read(() => {
      const rows = this.conn
        .stmt(
          `SELECT report_id, item_id, MAX(sent_at) AS at FROM reminded_items WHERE sent_at < ?
           GROUP BY report_id, item_id`,
        )
        .all(before) as { report_id: string; item_id: string; at: string }[];
      return new Map(rows.map((r) => [`${r.report_id}:${r.item_id}`, r.at]));
    });
  }

  snooze(reportId: string, itemId: string, until: string, by: Actor): Promise<void> {
    return this.conn.write(() => {
      this.conn
        .stmt(
          `INSERT INTO snoozes (report_id, item_id, until, set_by, set_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (report_id, item_id) DO UPDATE SET until = excluded.until, set_by = excluded.set_by,
             set_at = excluded.set_at`,
        )
        .run(reportId, itemId, until, qualify(by.platform, by.userId), this.now().toISOString());
    });
  }

  snoozed(at: string): Promise<Map<string, string>> {
    return this.conn.read(() => {
      const rows = this.conn.stmt('SELECT report_id, item_id, until FROM snoozes WHERE until > ?').all(at) as {
        report_id: string;
        item_id: string;
        until: string;
      }[];
      return new Map(rows.map((r) => [`${r.report_id}:${r.item_id}`, r.until]));
    });
  }
}
