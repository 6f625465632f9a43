/**
 * A CSV file read as a table of named columns, with the limits every import keeps: each column
 * given once (two `value` columns would leave it to chance which one counts), and no cell longer
 * than its column allows (one 60 MB note took minutes and gigabytes to record). Problems are
 * named by row and column, so the file can be fixed and imported again.
 */
import { parse } from 'csv-parse/sync';

/** Largest file an import reads; more records than a city reports in years. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** Longest cell of a short column (an item, a value, a date, a name, an id, a unit). */
export const CELL_MAX = 200;

export interface TableSpec<F extends string> {
  /** Header words (lower case) and the field each names. */
  columns: Record<string, F>;
  required: readonly F[];
  /** The columns the header needs, for the message when some are missing. */
  needs: string;
  /** Longer limits than CELL_MAX, by field (a note may be as long as a chat message). */
  long?: Partial<Record<F, number>>;
}

export interface Table<F extends string> {
  /** The field of each column; undefined for a column the import does not read. */
  fields: (F | undefined)[];
  /** Rows after the header, each with its line number in the file. */
  rows: { line: number; cells: Partial<Record<F, string>>; raw: string[] }[];
}

/** A CSV file's text as a table of the spec's fields, or every reason it cannot be imported. */
export function readTable<F extends string>(
  csv: string,
  spec: TableSpec<F>,
): { ok: true; table: Table<F> } | { ok: false; errors: string[] } {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (err) {
    return { ok: false, errors: [`the file is not valid CSV: ${(err as Error).message}`] };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, errors: ['the file is empty'] };
  const fields = header.map((h) => spec.columns[h.trim().toLowerCase()]);
  const errors: string[] = [];
  for (const f of new Set(fields)) {
    const named = header.filter((_, c) => f && fields[c] === f);
    if (named.length > 1) {
      errors.push(`row 1: the columns ${named.map((h) => `"${h}"`).join(' and ')} are the same column; keep one`);
    }
  }
  const missing = spec.required.filter((f) => !fields.includes(f));
  if (missing.length) errors.push(`row 1: the header needs the columns ${spec.needs}; missing: ${missing.join(', ')}`);
  if (errors.length) return { ok: false, errors };
  if (!body.length) return { ok: false, errors: ['the file has a header but no rows'] };
  // A column the import does not read is still kept in each record's raw text: held to the longest limit.
  const otherMax = Math.max(CELL_MAX, ...Object.values<number | undefined>(spec.long ?? {}).map((n) => n ?? 0));
  const rows: Table<F>['rows'] = [];
  for (const [i, raw] of body.entries()) {
    const line = i + 2;
    const cells: Partial<Record<F, string>> = {};
    const tooLong: string[] = [];
    raw.forEach((cell, c) => {
      const f = fields[c];
      const max = f ? (spec.long?.[f] ?? CELL_MAX) : otherMax;
      if (cell.length > max)
        tooLong.push(`column "${header[c] ?? c + 1}" has ${cell.length} characters, at most ${max}`);
    });
    fields.forEach((f, c) => {
      if (f) cells[f] = raw[c] ?? '';
    });
    if (tooLong.length) errors.push(`row ${line}: ${tooLong.join('; ')} (shorten it)`);
    else rows.push({ line, cells, raw });
  }
  return errors.length ? { ok: false, errors } : { ok: true, table: { fields, rows } };
}
