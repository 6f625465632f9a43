/** Platform messages already answered, so a redelivery gets the same reply and changes nothing. */
import type Database from 'better-sqlite3';

export class HandledMessages {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The stored reply (JSON) for a message id, if it was handled before. */
  get(platform: string, messageId: string): string | undefined {
    const row = this.db.prepare('SELECT reply FROM handled WHERE platform = ? AND message_id = ?').get(platform, messageId) as { reply: string } | undefined;
    return row?.reply;
  }

  /** Remember the reply; false when another delivery got there first. */
  put(platform: string, messageId: string, reply: string): boolean {
    const info = this.db.prepare('INSERT OR IGNORE INTO handled (platform, message_id, reply, at) VALUES (?, ?, ?, ?)').run(platform, messageId, reply, this.now().toISOString());
    return info.changes === 1;
  }
}
