/**
 * Bulk progress from CSV: a header row naming the columns (item or target, value, date, who,
 * note — English or Chinese names), then one record a row. Every row is checked; a file with
 * any bad row is refused whole, naming each bad row and why.
 */
import { z } from 'zod';
import type { Report } from '../report/types.js';
import { isCalendarDate, startOfLocalDay } from '../time.js';
import { readTable } from './csv-table.js';
import { planProgress } from './plan.js';
import { problemText } from './problems.js';

const COLUMNS: Record<string, 'ref' | 'value' | 'date' | 'who' | 'note'> = {
  item: 'ref',
  target: 'ref',
  ref: 'ref',
  条目: 'ref',
  目标: 'ref',
  编号: 'ref',
  value: 'value',
  数值: 'value',
  数量: 'value',
  进展: 'value',
  date: 'date',
  日期: 'date',
  who: 'who',
  name: 'who',
  填报人: 'who',
  姓名: 'who',
  note: 'note',
  备注: 'note',
  说明: 'note',
};

const Row = z.object({
  ref: z.string().trim().min(1, 'the item or target is empty'),
  value: z.string().trim().default(''),
  date: z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'the date should look like 2015-06-30'),
  who: z.string().trim().min(1, 'who reported it is empty'),
  note: z.string().trim().default(''),
});

export interface ImportRow {
  line: number;
  reportId: string;
  itemId: string;
  targetId: string | null;
  value: number | null;
  /** The day the value held (the date column). */
  asOf: string;
  who: string;
  note: string;
  raw: string;
}

export type ImportResult = { ok: true; rows: ImportRow[] } | { ok: false; errors: string[] };

/** A row's content, whatever its spacing: the same row imported again is the same record. */
export function rowKey(r: ImportRow): string {
  return JSON.stringify([r.reportId, r.itemId, r.targetId, r.value, r.asOf, r.who, r.note]);
}

/**
 * A CSV file's bytes as text: UTF-8 (with or without BOM) or GB18030/GBK, as Excel on a Chinese
 * Windows saves it; undefined for anything else.
 */
export async function decodeCsv(bytes: Buffer): Promise<string | undefined> {
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  try {
    return utf8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const { default: iconv } = await import('iconv-lite');
    const text = iconv.decode(bytes, 'gb18030');
    // A file in neither encoding decodes to replacement characters or control bytes.
    // (Control bytes other than tab and line ends: \p{Cc} less \t \n \r.)
    return /\uFFFD|(?![\t\n\r])\p{Cc}/u.test(text) ? undefined : text;
  }
}

/**
 * Check a CSV file's text against the reports. `now` bounds the dates (no future records); a note
 * may be as long as a chat message (`noteMax`, DUBAN_MAX_MESSAGE_CHARS), so no path records a longer one.
 */
export function checkImport(csv: string, reports: Report[], tz: string, now: Date, noteMax: number): ImportResult {
  const read = readTable(csv, {
    columns: COLUMNS,
    required: ['ref', 'value', 'date', 'who'],
    needs: 'item (or target), value, date, who (and optionally note)',
    long: { note: noteMax },
  });
  if (!read.ok) return read;
  const errors: string[] = [];
  const rows: ImportRow[] = [];
  for (const { line, cells, raw } of read.table.rows) {
    const parsed = Row.safeParse(cells);
    if (!parsed.success) {
      errors.push(`row ${line}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
      continue;
    }
    const r = parsed.data;
    if (!isCalendarDate(r.date)) {
      errors.push(`row ${line}: "${r.date}" is not a real date`);
      continue;
    }
    const at = startOfLocalDay(r.date, tz);
    if (at > now) {
      errors.push(`row ${line}: the date ${r.date} is in the future`);
      continue;
    }
    // The same reader and checks as a chat message: the value cell, or the note for an item without targets.
    const plan = planProgress(reports, r.ref, r.value || r.note, () => undefined);
    if (!plan.ok) {
      errors.push(`row ${line}: ${problemText(plan, 'en', 'progress').replace(/\n/g, ' ')}`);
      continue;
    }
    rows.push({
      line,
      reportId: plan.report.id,
      itemId: plan.item.id,
      targetId: plan.target?.id ?? null,
      value: plan.value,
      asOf: at.toISOString(),
      who: r.who,
      note: r.note,
      raw: raw.join(','),
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
