/** The audit log in SQLite. */
import { bounded } from '../audit-input.js';
import type { Actor, AuditEntry, AuditRepository, Outcome } from '../types.js';
import type { Conn } from './conn.js';

export class SqliteAudit implements AuditRepository {
  constructor(
    private readonly conn: Conn,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(by: Actor, action: string, input: string, outcome: Outcome, detail = ''): Promise<void> {
    return this.conn.write(() => {
      this.conn
        .stmt(
          `INSERT INTO audit (at, platform, user_id, user_name, channel_id, message_id, action, input, outcome, detail)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          this.now().toISOString(),
          by.platform,
          by.userId,
          by.userName,
          by.channelId,
          by.messageId ?? null,
          action,
          bounded(input),
          outcome,
          bounded(detail),
        );
    });
  }

  recent(limit = 50): Promise<AuditEntry[]> {
    return this.conn.read(
      () =>
        this.conn
          .stmt(
            `SELECT id, at, platform, user_id AS userId, action, input, outcome, detail
             FROM audit ORDER BY id DESC LIMIT ?`,
          )
          .all(limit) as AuditEntry[],
    );
  }
}
