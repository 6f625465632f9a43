/**
 * Progress records. Nothing is deleted: an undo is a record that points at the one it undoes,
 * and a correction is a newer record. The latest value of a target is its newest record that
 * no undo points at. Each record's words also go into an FTS5 table so questions find them.
 */
import type Database from 'better-sqlite3';
import type { ProgressLookup, TargetStanding } from '../answer/types.js';

export interface Actor {
  platform: string;
  userId: string;
  userName: string;
  channelId: string;
  messageId?: string;
}

export interface ProgressRecord {
  id: number;
  reportId: string;
  itemId: string;
  targetId: string | null;
  value: number | null;
  kind: 'update' | 'import' | 'undo';
  undoes: number | null;
  note: string;
  rawText: string;
  platform: string;
  userId: string;
  userName: string;
  channelId: string;
  messageId: string | null;
  createdAt: string;
  /** True when an undo points at this record. */
  undone: boolean;
}

export interface NewRecord {
  reportId: string;
  itemId: string;
  targetId: string | null;
  value: number | null;
  kind: 'update' | 'import';
  note: string;
  rawText: string;
  createdAt?: string;
}

interface Row {
  id: number;
  report_id: string;
  item_id: string;
  target_id: string | null;
  value: number | null;
  kind: ProgressRecord['kind'];
  undoes: number | null;
  note: string;
  raw_text: string;
  platform: string;
  user_id: string;
  user_name: string;
  channel_id: string;
  message_id: string | null;
  created_at: string;
  undone: number;
}

const SELECT = `SELECT p.*, EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id) AS undone FROM progress p`;

function toRecord(r: Row): ProgressRecord {
  return {
    id: r.id, reportId: r.report_id, itemId: r.item_id, targetId: r.target_id, value: r.value, kind: r.kind, undoes: r.undoes,
    note: r.note, rawText: r.raw_text, platform: r.platform, userId: r.user_id, userName: r.user_name, channelId: r.channel_id,
    messageId: r.message_id, createdAt: r.created_at, undone: Boolean(r.undone),
  };
}

export class ProgressRepo implements ProgressLookup {
  constructor(
    private readonly db: Database.Database,
    /** Search terms of a text (jieba words and bigrams); records are searchable when given. */
    private readonly terms?: (text: string) => string[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Add a record; returns it. Call inside the caller's transaction when other writes go with it. */
  add(rec: NewRecord, by: Actor): ProgressRecord {
    const info = this.db
      .prepare(
        `INSERT INTO progress (report_id, item_id, target_id, value, kind, note, raw_text, platform, user_id, user_name, channel_id, message_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(rec.reportId, rec.itemId, rec.targetId, rec.value, rec.kind, rec.note, rec.rawText, by.platform, by.userId, by.userName, by.channelId, by.messageId ?? null, rec.createdAt ?? this.now().toISOString());
    const id = Number(info.lastInsertRowid);
    if (this.terms) this.db.prepare('INSERT INTO progress_fts (rowid, terms) VALUES (?, ?)').run(id, this.terms(`${rec.note} ${rec.rawText}`).join(' '));
    return this.get(id)!;
  }

  /** Undo a record by adding an undo record that points at it. */
  undo(target: ProgressRecord, by: Actor, rawText: string): ProgressRecord {
    const info = this.db
      .prepare(
        `INSERT INTO progress (report_id, item_id, target_id, value, kind, undoes, note, raw_text, platform, user_id, user_name, channel_id, message_id, created_at)
         VALUES (?, ?, ?, NULL, 'undo', ?, '', ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(target.reportId, target.itemId, target.targetId, target.id, rawText, by.platform, by.userId, by.userName, by.channelId, by.messageId ?? null, this.now().toISOString());
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): ProgressRecord | undefined {
    const row = this.db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as Row | undefined;
    return row && toRecord(row);
  }

  /** The newest record of this user that can still be undone. */
  lastUndoable(platform: string, userId: string): ProgressRecord | undefined {
    const row = this.db
      .prepare(`${SELECT} WHERE p.platform = ? AND p.user_id = ? AND p.kind != 'undo' AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id) ORDER BY p.id DESC LIMIT 1`)
      .get(platform, userId) as Row | undefined;
    return row && toRecord(row);
  }

  /** Records of an item, newest first (undos included). */
  history(reportId: string, itemId: string, limit = 20): ProgressRecord[] {
    return (this.db.prepare(`${SELECT} WHERE p.report_id = ? AND p.item_id = ? ORDER BY p.created_at DESC, p.id DESC LIMIT ?`).all(reportId, itemId, limit) as Row[]).map(toRecord);
  }

  /** Records in force (not undos, not undone) of an item, newest first. */
  effective(reportId: string, itemId: string): ProgressRecord[] {
    return this.history(reportId, itemId, 1000).filter((r) => r.kind !== 'undo' && !r.undone);
  }

  latestForItem(reportId: string, itemId: string): Map<string, TargetStanding> {
    const out = new Map<string, TargetStanding>();
    const rows = this.db
      .prepare(
        `SELECT p.target_id, p.value, p.created_at, p.user_name FROM progress p
         WHERE p.report_id = ? AND p.item_id = ? AND p.kind != 'undo' AND p.target_id IS NOT NULL AND p.value IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id)
         ORDER BY p.created_at DESC, p.id DESC`,
      )
      .all(reportId, itemId) as { target_id: string; value: number; created_at: string; user_name: string }[];
    for (const r of rows) if (!out.has(r.target_id)) out.set(r.target_id, { targetId: r.target_id, value: r.value, at: r.created_at, userName: r.user_name });
    return out;
  }

  latestNote(reportId: string, itemId: string): ProgressRecord | undefined {
    return this.effective(reportId, itemId)[0];
  }

  /** Every record (undos included) created in [from, to), oldest first. */
  between(from: string, to: string): ProgressRecord[] {
    return (this.db.prepare(`${SELECT} WHERE p.created_at >= ? AND p.created_at < ? ORDER BY p.created_at, p.id`).all(from, to) as Row[]).map(toRecord);
  }

  /** Time of the newest record in force per item key (`report:item`). */
  lastUpdatePerItem(): Map<string, string> {
    const rows = this.db
      .prepare(
        `SELECT p.report_id || ':' || p.item_id AS key, MAX(p.created_at) AS at FROM progress p
         WHERE p.kind != 'undo' AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id) GROUP BY key`,
      )
      .all() as { key: string; at: string }[];
    return new Map(rows.map((r) => [r.key, r.at]));
  }

  /**
   * Items whose progress records match the search terms, best first, with the matching records'
   * words so an answer can be judged against them.
   */
  search(terms: string[], limit = 20): { keys: string[]; texts: Map<string, string> } {
    const unique = [...new Set(terms.filter((t) => /^[\p{L}\p{N}.]+$/u.test(t)))];
    if (!unique.length || !this.terms) return { keys: [], texts: new Map() };
    const match = unique.map((t) => `"${t}"`).join(' OR ');
    const rows = this.db
      .prepare(
        `SELECT p.report_id || ':' || p.item_id AS key, p.note, p.raw_text FROM progress_fts f JOIN progress p ON p.id = f.rowid
         WHERE progress_fts MATCH ? AND p.kind != 'undo' AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id)
         ORDER BY bm25(progress_fts) LIMIT ?`,
      )
      .all(match, limit * 5) as { key: string; note: string; raw_text: string }[];
    const texts = new Map<string, string>();
    for (const r of rows) texts.set(r.key, `${texts.get(r.key) ?? ''} ${r.note} ${r.raw_text}`);
    return { keys: [...texts.keys()].slice(0, limit), texts };
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM progress').get() as { n: number }).n;
  }
}
