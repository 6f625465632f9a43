/** The audit log in SQLite. */
import { AUDIT_COLUMNS, auditValues } from '../audit-input.js';
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
        .stmt(`INSERT INTO audit (${AUDIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(...auditValues(this.now().toISOString(), by, action, input, outcome, detail));
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
