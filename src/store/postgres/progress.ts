/**
 * Progress records in PostgreSQL: the same queries as the SQLite store, on the same indexes. A
 * record and its search keys are written by one statement. The latest standings and note of each
 * item are cached, as on SQLite, until a write is heard of from this or another process
 * (changes.ts); another process's write may take the milliseconds its notification travels.
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
import type { ProgressChanges } from './changes.js';
import type { PgConn } from './conn.js';
import { recordKeys, searchKey } from './terms.js';

/**
 * A record and whether an undo points at it. A join on the unique `undoes` index, not an EXISTS in
 * the select list: PostgreSQL plans that as a hash over the whole table, even for one row.
 */
const SELECT = 'SELECT p.*, x.id IS NOT NULL AS undone FROM progress p LEFT JOIN progress x ON x.undoes = p.id';
/** When a record's value held. */
const AS_OF = 'COALESCE(p.as_of, p.created_at)';
const IN_FORCE = `p.kind <> 'undo' AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id)`;
/** Not undone by an undo sent before $2. */
const IN_FORCE_AT = (at: string) =>
  `p.kind <> 'undo' AND NOT EXISTS (SELECT 1 FROM progress u WHERE u.undoes = p.id AND u.created_at < ${at})`;

export class PgProgress implements ProgressRepository {
  /** Latest standings per item, and the newest record in force per item, while `changes` stays put. */
  private readonly standings = new Map<string, Map<string, TargetStanding>>();
  private readonly notes = new Map<string, ProgressRecord | undefined>();
  private cacheVersion = -1;

  constructor(
    private readonly conn: PgConn,
    /** Search terms of a text (jieba words and bigrams); records are searchable when given. */
    private readonly terms?: (text: string) => string[],
    private readonly now: () => Date = () => new Date(),
    private readonly changes?: ProgressChanges,
  ) {}

  /**
   * A read kept until records change. Inside a unit of work (which may see its own writes before
   * they commit) and while writes may go unheard, it reads through; a read that a change overtook
   * is not kept.
   */
  private async cached<T>(map: Map<string, T>, key: string, read: () => Promise<T>): Promise<T> {
    const changes = this.changes;
    if (!changes?.listening || this.conn.inUnit) return read();
    if (changes.version !== this.cacheVersion) {
      this.standings.clear();
      this.notes.clear();
      this.cacheVersion = changes.version;
    }
    if (map.has(key)) return map.get(key) as T;
    const version = changes.version;
    const value = await read();
    if (changes.listening && changes.version === version && this.cacheVersion === version) map.set(key, value);
    return value;
  }

  /** What was read is stale once this unit of work commits. */
  private wrote(): void {
    const changes = this.changes;
    if (changes) this.conn.afterCommit(() => changes.changed());
  }

  add(rec: NewRecord, by: Actor): Promise<ProgressRecord> {
    const keys = this.terms ? recordKeys(this.terms(`${rec.note} ${rec.rawText}`)) : [];
    return this.conn.transaction(async () => {
      const [row] = await this.conn.query<Row>(
        `WITH p AS (
           INSERT INTO progress (${NEW_RECORD_COLUMNS})
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING *),
         t AS (INSERT INTO progress_terms (term, progress_id) SELECT k, p.id FROM p, unnest($15::text[]) AS k)
         SELECT p.*, false AS undone FROM p`,
        [...newRecordValues(rec, by, this.now().toISOString()), keys],
      );
      this.wrote();
      return toRecord(row!);
    });
  }

  undo(target: ProgressRecord, by: Actor, rawText: string): Promise<ProgressRecord> {
    return this.conn.transaction(async () => {
      const [row] = await this.conn.query<Row>(
        `INSERT INTO progress (report_id, item_id, target_id, value, kind, undoes, note, raw_text, platform, user_id,
           user_name, channel_id, message_id, created_at)
         VALUES ($1, $2, $3, NULL, 'undo', $4, '', $5, $6, $7, $8, $9, $10, $11)
         RETURNING *, false AS undone`,
        [
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
        ],
      );
      this.wrote();
      return toRecord(row!);
    });
  }

  async get(id: number): Promise<ProgressRecord | undefined> {
    if (!Number.isSafeInteger(id) || id > 2 ** 31 - 1 || id < -(2 ** 31)) return undefined;
    const [row] = await this.conn.query<Row>(`${SELECT} WHERE p.id = $1`, [id]);
    return row && toRecord(row);
  }

  async lastUndoable(platform: string, userId: string): Promise<ProgressRecord | undefined> {
    const [row] = await this.conn.query<Row>(
      `${SELECT} WHERE p.platform = $1 AND p.user_id = $2 AND ${IN_FORCE} ORDER BY p.id DESC LIMIT 1`,
      [platform, userId],
    );
    return row && toRecord(row);
  }

  async history(reportId: string, itemId: string, limit = 20, before?: number): Promise<ProgressRecord[]> {
    const after =
      before === undefined
        ? ''
        : `AND (${AS_OF}, p.id) < (SELECT COALESCE(as_of, created_at), id FROM progress WHERE id = $4)`;
    const rows = await this.conn.query<Row>(
      `${SELECT} WHERE p.report_id = $1 AND p.item_id = $2 ${after} ORDER BY ${AS_OF} DESC, p.id DESC LIMIT $3`,
      before === undefined ? [reportId, itemId, limit] : [reportId, itemId, limit, before],
    );
    return rows.map(toRecord);
  }

  async values(reportId: string, itemId: string): Promise<TargetValue[]> {
    return this.conn.query<TargetValue>(
      `SELECT p.target_id AS "targetId", p.value, ${AS_OF} AS "asOf" FROM progress p
       WHERE p.report_id = $1 AND p.item_id = $2 AND p.target_id IS NOT NULL AND p.value IS NOT NULL AND ${IN_FORCE}
       ORDER BY ${AS_OF}, p.id`,
      [reportId, itemId],
    );
  }

  /**
   * Each target's latest value in force at `asOf`: the item's targets found by a skip scan (one
   * index seek each), then one seek a target, so the cost follows the targets, not the records.
   */
  async latestForItem(reportId: string, itemId: string, asOf?: string): Promise<Map<string, TargetStanding>> {
    if (asOf) return this.readLatest(reportId, itemId, asOf);
    return new Map(await this.cached(this.standings, `${reportId}:${itemId}`, () => this.readLatest(reportId, itemId)));
  }

  private async readLatest(reportId: string, itemId: string, asOf = '9999'): Promise<Map<string, TargetStanding>> {
    const rows = await this.conn.query<{ target_id: string; value: number; at: string; user_name: string }>(
      `WITH RECURSIVE t(target_id) AS (
         SELECT (SELECT MIN(target_id) FROM progress WHERE report_id = $1 AND item_id = $2 AND target_id IS NOT NULL)
         UNION ALL
         SELECT (SELECT MIN(target_id) FROM progress WHERE report_id = $1 AND item_id = $2 AND target_id > t.target_id)
         FROM t WHERE t.target_id IS NOT NULL)
       SELECT t.target_id, l.value, l.at, l.user_name FROM t
       CROSS JOIN LATERAL (
         SELECT p.value, ${AS_OF} AS at, p.user_name FROM progress p
         WHERE p.report_id = $1 AND p.item_id = $2 AND p.target_id = t.target_id AND p.value IS NOT NULL
           AND ${AS_OF} < $3 AND ${IN_FORCE_AT('$3')}
         ORDER BY ${AS_OF} DESC, p.id DESC LIMIT 1) l
       WHERE t.target_id IS NOT NULL`,
      [reportId, itemId, asOf],
    );
    return new Map(
      rows.map((r) => [r.target_id, { targetId: r.target_id, value: r.value, at: r.at, userName: r.user_name }]),
    );
  }

  latestNote(reportId: string, itemId: string): Promise<ProgressRecord | undefined> {
    return this.cached(this.notes, `${reportId}:${itemId}`, async () => {
      const [row] = await this.conn.query<Row>(
        `${SELECT} WHERE p.report_id = $1 AND p.item_id = $2 AND ${IN_FORCE} ORDER BY ${AS_OF} DESC, p.id DESC LIMIT 1`,
        [reportId, itemId],
      );
      return row && toRecord(row);
    });
  }

  async between(from: string, to: string, newest?: number): Promise<ProgressRecord[]> {
    const sent = 'p.created_at >= $1 AND p.created_at < $2';
    if (newest === undefined) {
      return (await this.conn.query<Row>(`${SELECT} WHERE ${sent} ORDER BY p.created_at, p.id`, [from, to])).map(
        toRecord,
      );
    }
    // The newest, found by reading the index backwards, then put oldest first.
    const rows = await this.conn.query<Row>(`${SELECT} WHERE ${sent} ORDER BY p.created_at DESC, p.id DESC LIMIT $3`, [
      from,
      to,
      newest,
    ]);
    return rows.reverse().map(toRecord);
  }

  async window(reportId: string, from: string, to: string): Promise<{ count: number; latest: ProgressRecord[] }> {
    const where = `p.report_id = $1 AND p.created_at >= $2 AND p.created_at < $3 AND ${IN_FORCE}`;
    const [{ n }] = (await this.conn.query<{ n: number }>(
      `SELECT COUNT(*)::integer AS n FROM progress p WHERE ${where}`,
      [reportId, from, to],
    )) as [{ n: number }];
    const rows = await this.conn.query<Row>(
      `SELECT * FROM (
         SELECT p.*, false AS undone, ROW_NUMBER() OVER (
           PARTITION BY p.item_id, p.target_id ORDER BY ${AS_OF} DESC, p.id DESC) AS rn
         FROM progress p WHERE ${where}) w
       WHERE rn = 1 ORDER BY created_at, id`,
      [reportId, from, to],
    );
    return { count: n, latest: rows.map(toRecord) };
  }

  /**
   * The items with records found by a skip scan (one index seek each), then each one's newest
   * as-of date in force by a seek backwards: the cost follows the items, not the records.
   */
  async lastUpdatePerItem(asOf = '9999'): Promise<Map<string, string>> {
    const rows = await this.conn.query<{ key: string; at: string }>(
      `WITH RECURSIVE items AS (
         (SELECT report_id, item_id FROM progress ORDER BY report_id, item_id LIMIT 1)
         UNION ALL
         SELECT n.report_id, n.item_id FROM items i CROSS JOIN LATERAL (
           SELECT report_id, item_id FROM progress WHERE (report_id, item_id) > (i.report_id, i.item_id)
           ORDER BY report_id, item_id LIMIT 1) n)
       SELECT i.report_id || ':' || i.item_id AS key, l.at FROM items i CROSS JOIN LATERAL (
         SELECT ${AS_OF} AS at FROM progress p
         WHERE p.report_id = i.report_id AND p.item_id = i.item_id AND ${AS_OF} < $1 AND ${IN_FORCE_AT('$1')}
         ORDER BY ${AS_OF} DESC, p.id DESC LIMIT 1) l`,
      [asOf],
    );
    return new Map(rows.map((r) => [r.key, r.at]));
  }

  /**
   * The newest `limit` records holding any term, found by reading at most `limit` keys a term
   * newest first, so the cost stays flat as records grow.
   */
  async matching(terms: string[], limit = 200): Promise<RecordMatch[]> {
    const keys = [
      ...new Set(
        terms
          .filter((t) => /^[\p{L}\p{N}.]+$/u.test(t))
          .map(searchKey)
          .filter(Boolean),
      ),
    ];
    if (!keys.length || !this.terms) return [];
    return this.conn.query<RecordMatch>(
      `SELECT p.report_id AS "reportId", p.item_id AS "itemId", p.note, p.user_name AS "userName",
         p.created_at AS "createdAt"
       FROM (
         SELECT DISTINCT m.id FROM unnest($1::text[]) AS q(keys)
         CROSS JOIN LATERAL (
           SELECT t.progress_id AS id FROM progress_terms t
           WHERE t.term = (string_to_array(q.keys, '|'))[1]
             AND NOT EXISTS (
               SELECT 1 FROM unnest((string_to_array(q.keys, '|'))[2:]) AS more(k)
               WHERE NOT EXISTS (SELECT 1 FROM progress_terms o WHERE o.term = more.k AND o.progress_id = t.progress_id))
           ORDER BY t.progress_id DESC LIMIT $2) m
         ORDER BY m.id DESC LIMIT $2) f
       JOIN progress p ON p.id = f.id
       WHERE ${IN_FORCE}
       ORDER BY p.id DESC`,
      [keys, limit],
    );
  }

  async count(): Promise<number> {
    const [{ n }] = (await this.conn.query<{ n: number }>('SELECT COUNT(*)::integer AS n FROM progress')) as [
      { n: number },
    ];
    return n;
  }
}
