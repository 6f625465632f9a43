/**
 * Bulk progress from CSV: a header row naming the columns (item or target, value, date, who,
 * note — English or Chinese names), then one record a row. Every row is checked; a file with
 * any bad row is refused whole, naming each bad row and why.
 */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { parseNumber } from '../report/numbers.js';
import type { Report } from '../report/types.js';
import { startOfLocalDay } from '../time.js';
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
  createdAt: string;
  who: string;
  note: string;
  raw: string;
}

export type ImportResult = { ok: true; rows: ImportRow[] } | { ok: false; errors: string[] };

/** Check a CSV file's text against the reports. `now` bounds the dates (no future records). */
export function checkImport(csv: string, reports: Report[], tz: string, now: Date): ImportResult {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    return { ok: false, errors: [`the file is not valid CSV: ${(err as Error).message}`] };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, errors: ['the file is empty'] };
  const fields = header.map((h) => COLUMNS[h.trim().toLowerCase()]);
  const missing = (['ref', 'value', 'date', 'who'] as const).filter((f) => !fields.includes(f));
  if (missing.length) {
    return {
      ok: false,
      errors: [
        'row 1: the header needs the columns item (or target), value, date, who (and optionally note); ' +
          `missing: ${missing.join(', ')}`,
      ],
    };
  }
  if (!body.length) return { ok: false, errors: ['the file has a header but no rows'] };
  const errors: string[] = [];
  const rows: ImportRow[] = [];
  for (const [i, cells] of body.entries()) {
    const line = i + 2;
    const obj: Record<string, string> = {};
    fields.forEach((f, c) => {
      if (f) obj[f] = cells[c] ?? '';
    });
    const parsed = Row.safeParse(obj);
    if (!parsed.success) {
      errors.push(`row ${line}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
      continue;
    }
    const r = parsed.data;
    const at = startOfLocalDay(r.date, tz);
    if (Number.isNaN(at.getTime())) {
      errors.push(`row ${line}: "${r.date}" is not a real date`);
      continue;
    }
    if (at > now) {
      errors.push(`row ${line}: the date ${r.date} is in the future`);
      continue;
    }
    if (r.value && parseNumber(r.value) === undefined) {
      errors.push(`row ${line}: value "${r.value}" is not a number`);
      continue;
    }
    const plan = planProgress(reports, r.ref, [r.value, r.note].filter(Boolean).join(' '), () => undefined);
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
      createdAt: at.toISOString(),
      who: r.who,
      note: r.note,
      raw: cells.join(','),
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
