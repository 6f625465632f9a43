/** What platform adapters remember across restarts, in SQLite: threads answered in, messages sent per day. */
import type { PendingKey, PendingRepository, SendCountRepository, ThreadRepository } from '../types.js';
import type { Conn } from './conn.js';

export class SqliteThreads implements ThreadRepository {
  constructor(
    private readonly conn: Conn,
    private readonly now: () => Date = () => new Date(),
  ) {}

  remember(platform: string, channelId: string, threadId: string): Promise<void> {
    return this.conn.write(() => {
      this.conn
        .stmt('INSERT OR IGNORE INTO threads (platform, channel_id, thread_id, at) VALUES (?, ?, ?, ?)')
        .run(platform, channelId, threadId, this.now().toISOString());
    });
  }

  has(platform: string, channelId: string, threadId: string): Promise<boolean> {
    return this.conn.read(() =>
      Boolean(
        this.conn
          .stmt('SELECT 1 FROM threads WHERE platform = ? AND channel_id = ? AND thread_id = ?')
          .get(platform, channelId, threadId),
      ),
    );
  }
}

export class SqliteSends implements SendCountRepository {
  constructor(private readonly conn: Conn) {}

  take(platform: string, channelId: string, date: string, cap: number): Promise<boolean> {
    return this.conn.transaction(() => {
      const row = this.conn
        .stmt('SELECT count FROM send_counts WHERE platform = ? AND channel_id = ? AND date = ?')
        .get(platform, channelId, date) as { count: number } | undefined;
      if ((row?.count ?? 0) >= cap) return false;
      this.conn
        .stmt(
          `INSERT INTO send_counts (platform, channel_id, date, count) VALUES (?, ?, ?, 1)
           ON CONFLICT (platform, channel_id, date) DO UPDATE SET count = count + 1`,
        )
        .run(platform, channelId, date);
      return true;
    });
  }
}

export class SqlitePending implements PendingRepository {
  constructor(
    private readonly conn: Conn,
    private readonly now: () => Date = () => new Date(),
  ) {}

  put(key: PendingKey, payload: string): Promise<void> {
    return this.conn.write(() => {
      this.conn
        .stmt(
          `INSERT INTO pending (platform, channel_id, user_id, kind, payload, at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (platform, channel_id, user_id, kind) DO UPDATE SET payload = excluded.payload, at = excluded.at`,
        )
        .run(key.platform, key.channelId, key.userId, key.kind ?? 'confirm', payload, this.now().toISOString());
    });
  }

  take(key: PendingKey, maxAgeMs: number): Promise<string | undefined> {
    return this.conn.write(() => {
      const where = 'WHERE platform = ? AND channel_id = ? AND user_id = ? AND kind = ?';
      const args = [key.platform, key.channelId, key.userId, key.kind ?? 'confirm'];
      const row = this.conn.stmt(`SELECT payload, at FROM pending ${where}`).get(...args) as
        | { payload: string; at: string }
        | undefined;
      if (!row) return undefined;
      this.conn.stmt(`DELETE FROM pending ${where}`).run(...args);
      return this.now().getTime() - new Date(row.at).getTime() <= maxAgeMs ? row.payload : undefined;
    });
  }
}
