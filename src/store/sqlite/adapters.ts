/** What platform adapters remember across restarts, in SQLite: threads answered in, messages sent per day. */
import type { SendCountRepository, ThreadRepository } from '../types.js';
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
