/**
 * Progress records. Nothing is deleted: an undo is a record that points at the one it undoes,
 * and a correction is a newer record. The latest value of a target is its newest record that
 * no undo points at. Each record's words also go into an FTS5 table so questions find them.
 */
import type Database from 'better-sqlite3';
import type { ProgressLookup, TargetStanding } from '../answer/types.js';
import type { ExtraList } from '../search/index.js';

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
  /** Latest standings per item, valid while nothing was written (here or by another process). */
  private cache = new Map<string, Map<string, TargetStanding>>();
  private cacheVersion = '';
  private writes = 0;

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
    this.writes++;
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
    this.writes++;
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

  /**
   * The latest value of each target of an item. With `asOf` (ISO time), as it stood then:
   * records and undos made later do not count.
   */
  latestForItem(reportId: string, itemId: string, asOf?: string): Map<string, TargetStanding> {
    if (asOf) return this.readLatest(reportId, itemId, asOf);
    // data_version moves when another connection commits; `writes` when this one does.
    const version = `${this.db.pragma('data_version', { simple: true })}:${this.writes}`;
    if (version !== this.cacheVersion) {
      this.cache.clear();
      this.cacheVersion = version;
    }
    const key = `${reportId}:${itemId}`;
    let out = this.cache.get(key);
    if (!out) {
      out = this.readLatest(reportId, itemId);
      this.cache.set(key, out);
    }
    return new Map(out);
  }

  private readLatest(reportId: string, itemId: string, asOf = '9999'): Map<string, TargetStanding> {
    const out = new Map<string, TargetStanding>();
    const rows = this.db
      .prepare(
        `SELECT p.target_id, p.value, p.created_at, p.user_name FROM progress p
         WHERE p.report_id = ? AND p.item_id = ? AND p.kind != 'undo' AND p.target_id IS NOT NULL AND p.value IS NOT NULL
           AND p.created_at < ? AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id AND u.created_at < ?)
         ORDER BY p.created_at DESC, p.id DESC`,
      )
      .all(reportId, itemId, asOf, asOf) as { target_id: string; value: number; created_at: string; user_name: string }[];
    for (const r of rows) if (!out.has(r.target_id)) out.set(r.target_id, { targetId: r.target_id, value: r.value, at: r.created_at, userName: r.user_name });
    return out;
  }

  latestNote(reportId: string, itemId: string): ProgressRecord | undefined {
    const row = this.db
      .prepare(`${SELECT} WHERE p.report_id = ? AND p.item_id = ? AND p.kind != 'undo' AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id) ORDER BY p.created_at DESC, p.id DESC LIMIT 1`)
      .get(reportId, itemId) as Row | undefined;
    return row && toRecord(row);
  }

  /** Every record (undos included) created in [from, to), oldest first. */
  between(from: string, to: string): ProgressRecord[] {
    return (this.db.prepare(`${SELECT} WHERE p.created_at >= ? AND p.created_at < ? ORDER BY p.created_at, p.id`).all(from, to) as Row[]).map(toRecord);
  }

  /** Time of the newest record in force per item key (`report:item`), before `asOf` when given. */
  lastUpdatePerItem(asOf = '9999'): Map<string, string> {
    const rows = this.db
      .prepare(
        `SELECT p.report_id || ':' || p.item_id AS key, MAX(p.created_at) AS at FROM progress p
         WHERE p.kind != 'undo' AND p.created_at < ? AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id AND u.created_at < ?) GROUP BY key`,
      )
      .all(asOf, asOf) as { key: string; at: string }[];
    return new Map(rows.map((r) => [r.key, r.at]));
  }

  /**
   * Items whose progress records match the search terms, best first (by how many of the most
   * recent matching records they hold), with those records' words so an answer can be judged
   * against them. Only the newest matches are read, so the cost stays flat as records grow.
   */
  search(terms: string[], limit = 20): ExtraList {
    const unique = [...new Set(terms.filter((t) => /^[\p{L}\p{N}.]+$/u.test(t)))];
    if (!unique.length || !this.terms) return { keys: [], texts: new Map() };
    const match = unique.map((t) => `"${t}"`).join(' OR ');
    const rows = this.db
      .prepare(
        `SELECT p.report_id || ':' || p.item_id AS key, p.note, p.user_name AS userName, p.created_at AS createdAt
         FROM (SELECT rowid FROM progress_fts WHERE progress_fts MATCH ? ORDER BY rowid DESC LIMIT 200) f
         JOIN progress p ON p.id = f.rowid
         WHERE NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id)`,
      )
      .all(match) as { key: string; note: string; userName: string; createdAt: string }[];
    const byItem = new Map<string, { n: number; records: { note: string; userName: string; createdAt: string }[] }>();
    for (const { key, ...r } of rows) {
      const e = byItem.get(key) ?? { n: 0, records: [] };
      e.n++;
      if (e.records.length < 3 && r.note) e.records.push(r);
      byItem.set(key, e);
    }
    const keys = [...byItem].sort((a, b) => b[1].n - a[1].n).slice(0, limit).map(([k]) => k);
    return {
      keys,
      texts: new Map(keys.map((k) => [k, byItem.get(k)!.records.map((r) => r.note).join(' ')])),
      records: new Map(keys.map((k) => [k, byItem.get(k)!.records])),
    };
  }

  count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM progress').get() as { n: number }).n;
  }
}
