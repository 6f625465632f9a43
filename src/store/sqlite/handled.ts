/** Handled messages in SQLite: the reply each platform message id got. */
import type { HandledRepository } from '../types.js';
import type { Conn } from './conn.js';

export class SqliteHandled implements HandledRepository {
  constructor(
    private readonly conn: Conn,
    private readonly now: () => Date = () => new Date(),
  ) {}

  get(platform: string, messageId: string): Promise<string | undefined> {
    return this.conn.read(() => {
      const row = this.conn
        .stmt('SELECT reply FROM handled WHERE platform = ? AND message_id = ?')
        .get(platform, messageId);
      return (row as { reply: string } | undefined)?.reply;
    });
  }

  put(platform: string, messageId: string, reply: string): Promise<boolean> {
    return this.conn.write(() => {
      const info = this.conn
        .stmt('INSERT OR IGNORE INTO handled (platform, message_id, reply, at) VALUES (?, ?, ?, ?)')
        .run(platform, messageId, reply, this.now().toISOString());
      return info.changes === 1;
    });
  }
}
