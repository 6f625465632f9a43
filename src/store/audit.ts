/** The audit log: every state-changing attempt, refused ones too, with its outcome. */
import type Database from 'better-sqlite3';
import type { Actor } from './progress.js';

export type Outcome = 'ok' | 'refused' | 'invalid' | 'error';

export interface AuditEntry {
  id: number;
  at: string;
  platform: string;
  userId: string;
  action: string;
  input: string;
  outcome: Outcome;
  detail: string;
}

export class AuditLog {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  record(by: Actor, action: string, input: string, outcome: Outcome, detail = ''): void {
    this.db
      .prepare('INSERT INTO audit (at, platform, user_id, user_name, channel_id, message_id, action, input, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(this.now().toISOString(), by.platform, by.userId, by.userName, by.channelId, by.messageId ?? null, action, input, outcome, detail);
  }

  /** The newest entries first. */
  recent(limit = 50): AuditEntry[] {
    return this.db
      .prepare('SELECT id, at, platform, user_id AS userId, action, input, outcome, detail FROM audit ORDER BY id DESC LIMIT ?')
      .all(limit) as AuditEntry[];
  }
}
