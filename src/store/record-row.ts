/** A progress record as both stores keep it in a row (snake_case columns), and as the rest of duban reads it. */
import type { Actor, NewRecord, ProgressRecord } from './types.js';

export interface RecordRow {
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
  as_of: string | null;
  /** 0/1 from SQLite, a boolean from PostgreSQL. */
  undone: number | boolean;
}

export function toRecord(r: RecordRow): ProgressRecord {
  return {
    id: r.id,
    reportId: r.report_id,
    itemId: r.item_id,
    targetId: r.target_id,
    value: r.value,
    kind: r.kind,
    undoes: r.undoes,
    note: r.note,
    rawText: r.raw_text,
    platform: r.platform,
    userId: r.user_id,
    userName: r.user_name,
    channelId: r.channel_id,
    messageId: r.message_id,
    createdAt: r.created_at,
    asOf: r.as_of ?? r.created_at,
    undone: Boolean(r.undone),
  };
}

/** The columns a new record is inserted with, in order (report_id … as_of), in either store. */
export const NEW_RECORD_COLUMNS =
  'report_id, item_id, target_id, value, kind, note, raw_text, platform, user_id, user_name, channel_id, message_id, created_at, as_of';

/** A new record's values for NEW_RECORD_COLUMNS. */
export function newRecordValues(rec: NewRecord, by: Actor, now: string): unknown[] {
  return [
    rec.reportId,
    rec.itemId,
    rec.targetId,
    rec.value,
    rec.kind,
    rec.note,
    rec.rawText,
    by.platform,
    by.userId,
    by.userName,
    by.channelId,
    by.messageId ?? null,
    rec.createdAt ?? now,
    rec.asOf ?? null,
  ];
}
