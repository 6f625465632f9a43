/**
 * Progress records in SQLite. Each record's search terms also go into an FTS5 table, so
 * questions find what people reported; the latest standings of an item are cached until this
 * or another connection writes.
 */

import { NEW_RECORD_COLUMNS, newRecordValues, type RecordRow as Row, toRecord } from '../record-row.js';
import type {
  Actor,
  NewRecord,
  ProgressRecord,
  ProgressRepository,
  RecordMatch,
  TargetStanding,
  TargetValue,
} from '../types.js';
import type { Conn } from './conn.js';

const SELECT = `SELECT p.*, EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id) AS undone FROM progress p`;
/** When a record's value held. */
const AS_OF = 'COALESCE(p.as_of, p.created_at)';
const IN_FORCE = `p.kind != 'undo' AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id)`;

export class SqliteProgress implements ProgressRepository {
  /** Latest standings per item, valid while nothing was written (here or by another process). */
  private cache = new Map<string, Map<string, TargetStanding>>();
  /** The newest record in force per item, cached like the standings. */
  private notes = new Map<string, ProgressRecord | null>();
  private cacheVersion = '';
  private writes = 0;

  constructor(
    private readonly conn: Conn,
    /** Search terms of a text (jieba words and bigrams); records are searchable when given. */
    private readonly terms?: (text: string) => string[],
    private readonly now: () => Date = () => new Date(),
  ) {}

  add(rec: NewRecord, by: Actor): Promise<ProgressRecord> {
    return this.conn.write(() => {
      const info = this.conn
        .stmt(`INSERT INTO progress (${NEW_RECORD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(...newRecordValues(rec, by, this.now().toISOString()));
      const id = Number(info.lastInsertRowid);
      this.writes++;
      if (this.terms) {
        const terms = this.terms(`${rec.note} ${rec.rawText}`).join(' ');
        this.conn.stmt('INSERT INTO progress_fts (rowid, terms) VALUES (?, ?)').run(id, terms);
      }
      return this.one(id)!;
    });
  }

  undo(target: ProgressRecord, by: Actor, rawText: string): Promise<ProgressRecord> {
    return this.conn.write(() => {
      const info = this.conn
        .stmt(
          `INSERT INTO progress (report_id, item_id, target_id, value, kind, undoes, note, raw_text, platform, user_id,
             user_name, channel_id, message_id, created_at)
           VALUES (?, ?, ?, NULL, 'undo', ?, '', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          target.reportId,
          target.itemId,
          target.targetId,
          target.id,
          rawText,
          by.platform,
          by.userId,
          by.userName,
          by.channelId,
          by.messageId ?? null,
          this.now().toISOString(),
        );
      this.writes++;
      return this.one(Number(info.lastInsertRowid))!;
    });
  }

  private one(id: number): ProgressRecord | undefined {
    const row = this.conn.stmt(`${SELECT} WHERE p.id = ?`).get(id) as Row | undefined;
    return row && toRecord(row);
  }

  get(id: number): Promise<ProgressRecord | undefined> {
    return this.conn.read(() => this.one(id));
  }

  lastUndoable(platform: string, userId: string): Promise<ProgressRecord | undefined> {
    return this.conn.read(() => {
      const row = this.conn
        .stmt(`${SELECT} WHERE p.platform = ? AND p.user_id = ? AND ${IN_FORCE} ORDER BY p.id DESC LIMIT 1`)
        .get(platform, userId) as Row | undefined;
      return row && toRecord(row);
    });
  }

  history(reportId: string, itemId: string, limit = 20, before?: number): Promise<ProgressRecord[]> {
    const order = `ORDER BY ${AS_OF} DESC, p.id DESC LIMIT ?`;
    return this.conn.read(() =>
      (before === undefined
        ? (this.conn
            .stmt(`${SELECT} WHERE p.report_id = ? AND p.item_id = ? ${order}`)
            .all(reportId, itemId, limit) as Row[])
        : (this.conn
            .stmt(
              `${SELECT} WHERE p.report_id = ? AND p.item_id = ?
                 AND (${AS_OF}, p.id) < (SELECT COALESCE(as_of, created_at), id FROM progress WHERE id = ?) ${order}`,
            )
            .all(reportId, itemId, before, limit) as Row[])
      ).map(toRecord),
    );
  }

  values(reportId: string, itemId: string): Promise<TargetValue[]> {
    return this.conn.read(
      () =>
        this.conn
          .stmt(
            `SELECT p.target_id AS targetId, p.value, ${AS_OF} AS asOf FROM progress p
             WHERE p.report_id = ? AND p.item_id = ? AND p.target_id IS NOT NULL AND p.value IS NOT NULL AND ${IN_FORCE}
             ORDER BY ${AS_OF}, p.id`,
          )
          .all(reportId, itemId) as TargetValue[],
    );
  }

  latestForItem(reportId: string, itemId: string, asOf?: string): Promise<Map<string, TargetStanding>> {
    return this.conn.read(() => {
      if (asOf) return this.readLatest(reportId, itemId, asOf);
      this.freshen();
      const key = `${reportId}:${itemId}`;
      let out = this.cache.get(key);
      if (!out) {
        out = this.readLatest(reportId, itemId);
        this.cache.set(key, out);
      }
      return new Map(out);
    });
  }

  /** Each target's latest value in force at `asOf`: one seek on the index a target. */
  private readLatest(reportId: string, itemId: string, asOf = '9999'): Map<string, TargetStanding> {
    const out = new Map<string, TargetStanding>();
    // The item's targets with records, one index seek each (a skip scan over target ids).
    const targets = this.conn
      .stmt(
        `WITH RECURSIVE t(target_id) AS (
           SELECT (SELECT MIN(target_id) FROM progress WHERE report_id = @r AND item_id = @i AND target_id IS NOT NULL)
           UNION ALL
           SELECT (SELECT MIN(target_id) FROM progress WHERE report_id = @r AND item_id = @i AND target_id > t.target_id)
           FROM t WHERE t.target_id IS NOT NULL)
         SELECT target_id FROM t WHERE target_id IS NOT NULL`,
      )
      .all({ r: reportId, i: itemId }) as { target_id: string }[];
    const latest = this.conn.stmt(
      `SELECT p.target_id, p.value, ${AS_OF} AS created_at, p.user_name FROM progress p
       WHERE p.report_id = ? AND p.item_id = ? AND p.target_id = ? AND p.kind != 'undo'
         AND p.value IS NOT NULL AND ${AS_OF} < ?
         AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id AND u.created_at < ?)
       ORDER BY ${AS_OF} DESC, p.id DESC LIMIT 1`,
    );
    for (const { target_id } of targets) {
      const r = latest.get(reportId, itemId, target_id, asOf, asOf) as
        | { target_id: string; value: number; created_at: string; user_name: string }
        | undefined;
      if (r) out.set(r.target_id, { targetId: r.target_id, value: r.value, at: r.created_at, userName: r.user_name });
    }
    return out;
  }

  /**
   * Empty the caches when anything may have been written: data_version moves when another
   * connection commits, `writes` when this one writes, the generation when a unit of work is rolled
   * back (what was read inside it is taken back).
   */
  private freshen(): void {
    const version = `${this.conn.db.pragma('data_version', { simple: true })}:${this.writes}:${this.conn.generation}`;
    if (version !== this.cacheVersion) {
      this.cache.clear();
      this.notes.clear();
      this.cacheVersion = version;
    }
  }

  latestNote(reportId: string, itemId: string): Promise<ProgressRecord | undefined> {
    return this.conn.read(() => {
      this.freshen();
      const key = `${reportId}:${itemId}`;
      if (this.notes.has(key)) return this.notes.get(key) ?? undefined;
      const row = this.conn
        .stmt(
          `${SELECT} WHERE p.report_id = ? AND p.item_id = ? AND ${IN_FORCE} ` +
            `ORDER BY ${AS_OF} DESC, p.id DESC LIMIT 1`,
        )
        .get(reportId, itemId) as Row | undefined;
      const note = row ? toRecord(row) : undefined;
      this.notes.set(key, note ?? null);
      return note;
    });
  }

  between(from: string, to: string, newest?: number): Promise<ProgressRecord[]> {
    const sent = 'p.created_at >= ? AND p.created_at < ?';
    return this.conn.read(() =>
      (newest === undefined
        ? (this.conn.stmt(`${SELECT} WHERE ${sent} ORDER BY p.created_at, p.id`).all(from, to) as Row[])
        : // The newest, found by reading the index backwards, then put oldest first.
          (
            this.conn
              .stmt(`${SELECT} WHERE ${sent} ORDER BY p.created_at DESC, p.id DESC LIMIT ?`)
              .all(from, to, newest) as Row[]
          ).reverse()
      ).map(toRecord),
    );
  }

  window(reportId: string, from: string, to: string): Promise<{ count: number; latest: ProgressRecord[] }> {
    return this.conn.read(() => {
      // One pass over the window's entries in an index holding every column it needs: per target,
      // how many and the id of the latest by as-of date; then those few records themselves.
      const rows = this.conn
        .stmt(
          `SELECT CAST(substr(MAX(${AS_OF} || printf('%015d', p.id)), -15) AS INTEGER) AS id, COUNT(*) AS n
           FROM progress p INDEXED BY progress_report_window
           WHERE p.report_id = ? AND p.created_at >= ? AND p.created_at < ? AND ${IN_FORCE}
           GROUP BY p.item_id, p.target_id`,
        )
        .all(reportId, from, to) as { id: number; n: number }[];
      const latest = rows.map((r) => this.one(r.id)!);
      latest.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
      return { count: rows.reduce((sum, r) => sum + r.n, 0), latest };
    });
  }

  lastUpdatePerItem(asOf = '9999'): Promise<Map<string, string>> {
    return this.conn.read(() => {
      // The items with records, one index seek each (a skip scan), then each one's newest as-of
      // date in force by a seek backwards on its index: the cost follows the items, not the records.
      // (The next item of the same report, else the first of the next report: SQLite seeks on
      // `report_id = ? AND item_id > ?`, but reads `(report_id, item_id) > (?, ?)` as a scan of the report.)
      const report = 'substr(k, 1, instr(k, char(31)) - 1)';
      const rows = this.conn
        .stmt(
          `WITH RECURSIVE items(k) AS (
             SELECT (SELECT report_id || char(31) || item_id FROM progress ORDER BY report_id, item_id LIMIT 1)
             UNION ALL
             SELECT COALESCE(
               (SELECT report_id || char(31) || item_id FROM progress
                WHERE report_id = ${report} AND item_id > substr(k, instr(k, char(31)) + 1)
                ORDER BY report_id, item_id LIMIT 1),
               (SELECT report_id || char(31) || item_id FROM progress
                WHERE report_id > ${report} ORDER BY report_id, item_id LIMIT 1))
             FROM items WHERE k IS NOT NULL)
           SELECT replace(k, char(31), ':') AS key, (
             SELECT ${AS_OF} FROM progress p
             WHERE p.report_id = substr(k, 1, instr(k, char(31)) - 1) AND p.item_id = substr(k, instr(k, char(31)) + 1)
               AND ${AS_OF} < ? AND p.kind != 'undo'
               AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id AND u.created_at < ?)
             ORDER BY ${AS_OF} DESC, p.id DESC LIMIT 1) AS at
           FROM items WHERE k IS NOT NULL`,
        )
        .all(asOf, asOf) as { key: string; at: string | null }[];
      return new Map(rows.filter((r) => r.at !== null).map((r) => [r.key, r.at!]));
    });
  }

  /** Only the newest matches are read, so the cost stays flat as records grow. */
  matching(terms: string[], limit = 200): Promise<RecordMatch[]> {
    const unique = [...new Set(terms.filter((t) => /^[\p{L}\p{N}.]+$/u.test(t)))];
    if (!unique.length || !this.terms) return Promise.resolve([]);
    const match = unique.map((t) => `"${t}"`).join(' OR ');
    return this.conn.read(
      () =>
        this.conn
          .stmt(
            'SELECT p.report_id AS reportId, p.item_id AS itemId, p.note, p.user_name AS userName, ' +
              `p.created_at AS createdAt
             FROM (SELECT rowid FROM progress_fts WHERE progress_fts MATCH ? ORDER BY rowid DESC LIMIT ?) f
             JOIN progress p ON p.id = f.rowid
             WHERE ${IN_FORCE}
             ORDER BY p.id DESC`,
          )
          .all(match, limit) as RecordMatch[],
    );
  }

  count(): Promise<number> {
    return this.conn.read(() => (this.conn.stmt('SELECT COUNT(*) AS n FROM progress').get() as { n: number }).n);
  }
}
