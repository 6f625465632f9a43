/** What platform adapters remember across restarts: threads the bot answered in, messages sent per day. */
import type Database from 'better-sqlite3';

export class AdapterState {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  rememberThread(platform: string, channelId: string, threadId: string): void {
    this.db.prepare('INSERT OR IGNORE INTO threads (platform, channel_id, thread_id, at) VALUES (?, ?, ?, ?)').run(platform, channelId, threadId, this.now().toISOString());
  }

  isThread(platform: string, channelId: string, threadId: string): boolean {
    return Boolean(this.db.prepare('SELECT 1 FROM threads WHERE platform = ? AND channel_id = ? AND thread_id = ?').get(platform, channelId, threadId));
  }

  /** Count one message to a channel on a date; false (and not counted) when `cap` is reached. */
  takeSend(platform: string, channelId: string, date: string, cap: number): boolean {
    return this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT count FROM send_counts WHERE platform = ? AND channel_id = ? AND date = ?').get(platform, channelId, date) as { count: number } | undefined;
        if ((row?.count ?? 0) >= cap) return false;
        this.db
          .prepare('INSERT INTO send_counts (platform, channel_id, date, count) VALUES (?, ?, ?, 1) ON CONFLICT (platform, channel_id, date) DO UPDATE SET count = count + 1')
          .run(platform, channelId, date);
        return true;
      })
      .immediate();
  }
}
