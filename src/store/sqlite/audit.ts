/** The audit log in SQLite. */
import { createHash } from 'node:crypto';
import { type Actor, AUDIT_INPUT_MAX, type AuditEntry, type AuditRepository, type Outcome } from '../types.js';
import type { Conn } from './conn.js';

/** A text as the log keeps it: whole when short, else a prefix, the full length and a SHA-256. */
function bounded(text: string): string {
  if (text.length <= AUDIT_INPUT_MAX) return text;
  const hash = createHash('sha256').update(text).digest('hex');
  return `${text.slice(0, AUDIT_INPUT_MAX / 2)}… [${text.length} characters, sha256 ${hash}]`;
}

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
