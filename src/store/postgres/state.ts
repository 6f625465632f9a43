/**
 * The audit log, handled messages, threads, daily send counts and pending confirmations in
 * PostgreSQL. Each write that must happen once is one statement on a unique row (ON CONFLICT),
 * so it holds across processes without a lock of its own.
 */
import { AUDIT_COLUMNS, auditValues } from '../audit-input.js';
import type {
  Actor,
  AuditEntry,
  AuditRepository,
  HandledRepository,
  Outcome,
  PendingKey,
  PendingRepository,
  SendCountRepository,
  ThreadRepository,
} from '../types.js';
import type { PgConn } from './conn.js';

type Clock = () => Date;
const systemClock: Clock = () => new Date();

export class PgAudit implements AuditRepository {
  constructor(
    private readonly conn: PgConn,
    private readonly now: Clock = systemClock,
  ) {}

  async record(by: Actor, action: string, input: string, outcome: Outcome, detail = ''): Promise<void> {
    await this.conn.query(
      `INSERT INTO audit (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      auditValues(this.now().toISOString(), by, action, input, outcome, detail),
    );
  }

  recent(limit = 50): Promise<AuditEntry[]> {
    return this.conn.query<AuditEntry>(
      `SELECT id, at, platform, user_id AS "userId", action, input, outcome, detail
       FROM audit ORDER BY id DESC LIMIT $1`,
      [limit],
    );
  }
}

export class PgHandled implements HandledRepository {
  constructor(
    private readonly conn: PgConn,
    private readonly now: Clock = systemClock,
  ) {}

  async get(platform: string, messageId: string): Promise<string | undefined> {
    const [row] = await this.conn.query<{ reply: string }>(
      'SELECT reply FROM handled WHERE platform = $1 AND message_id = $2',
      [platform, messageId],
    );
    return row?.reply;
  }

  async put(platform: string, messageId: string, reply: string): Promise<boolean> {
    const rows = await this.conn.query(
      `INSERT INTO handled (platform, message_id, reply, at) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [platform, messageId, reply, this.now().toISOString()],
    );
    return rows.length === 1;
  }
}

export class PgThreads implements ThreadRepository {
  constructor(
    private readonly conn: PgConn,
    private readonly now: Clock = systemClock,
  ) {}

  async remember(platform: string, channelId: string, threadId: string): Promise<void> {
    await this.conn.query(
      `INSERT INTO threads (platform, channel_id, thread_id, at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [platform, channelId, threadId, this.now().toISOString()],
    );
  }

  async has(platform: string, channelId: string, threadId: string): Promise<boolean> {
    const rows = await this.conn.query(
      'SELECT 1 FROM threads WHERE platform = $1 AND channel_id = $2 AND thread_id = $3',
      [platform, channelId, threadId],
    );
    return rows.length > 0;
  }
}

export class PgSends implements SendCountRepository {
  constructor(private readonly conn: PgConn) {}

  /** The row is locked by the upsert, so processes counting at once cannot pass the cap together. */
  async take(platform: string, channelId: string, date: string, cap: number): Promise<boolean> {
    if (cap < 1) return false;
    const rows = await this.conn.query(
      `INSERT INTO send_counts AS s (platform, channel_id, date, count) VALUES ($1, $2, $3, 1)
       ON CONFLICT (platform, channel_id, date) DO UPDATE SET count = s.count + 1 WHERE s.count < $4
       RETURNING 1`,
      [platform, channelId, date, cap],
    );
    return rows.length === 1;
  }
}

export class PgPending implements PendingRepository {
  constructor(
    private readonly conn: PgConn,
    private readonly now: Clock = systemClock,
  ) {}

  async put(key: PendingKey, payload: string): Promise<void> {
    await this.conn.query(
      `INSERT INTO pending (platform, channel_id, user_id, kind, payload, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (platform, channel_id, user_id, kind) DO UPDATE SET payload = excluded.payload, at = excluded.at`,
      [key.platform, key.channelId, key.userId, key.kind ?? 'confirm', payload, this.now().toISOString()],
    );
  }

  async take(key: PendingKey, maxAgeMs: number): Promise<string | undefined> {
    const [row] = await this.conn.query<{ payload: string; at: string }>(
      'DELETE FROM pending WHERE platform = $1 AND channel_id = $2 AND user_id = $3 AND kind = $4 RETURNING payload, at',
      [key.platform, key.channelId, key.userId, key.kind ?? 'confirm'],
    );
    if (!row) return undefined;
    return this.now().getTime() - new Date(row.at).getTime() <= maxAgeMs ? row.payload : undefined;
  }
}
