/**
 * The period's workbook (.xlsx): a sheet of standings per report, a sheet of the period's
 * records (or of its newest, with a last row saying so) and a sheet of owners. exceljs is imported here, only when a workbook is made.
 */
import { TEXT } from '../chat/texts.js';
import type { Lang } from '../chat/types.js';
import type { ProgressRecord } from '../store/types.js';
import type { PeriodReport } from './build.js';
import { ownerTable, PERCENT_COLUMN, recordTable, type Table, targetTable } from './table.js';

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string, taken: Set<string>): string {
  const base = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 28);
  let out = base;
  for (let n = 2; taken.has(out.toLowerCase()); n++) out = `${base}~${n}`;
  taken.add(out.toLowerCase());
  return out;
}

/** The workbook of one period over every loaded report, as bytes. */
export async function periodWorkbook(
  reports: PeriodReport[],
  records: ProgressRecord[],
  lang: Lang,
  tz: string,
  /** Said in a last row of the records sheet when it does not hold every record of the period. */
  rest?: string,
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'duban';
  // Fixed, so the same records give the same file.
  book.created = book.modified = reports[0]?.period.to ?? new Date(0);
  const taken = new Set<string>();
  const add = (name: string, t: Table, percentColumn?: number) => {
    const sheet = book.addWorksheet(sheetName(name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(t.header).font = { bold: true };
    for (const row of t.rows) sheet.addRow(row);
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: t.header.length } };
    t.header.forEach((h, i) => {
      // A loop, not Math.max(...rows): a spread of 100,000 rows overflows the stack.
      let widest = h.length;
      for (const r of t.rows) widest = Math.max(widest, String(r[i] ?? '').length);
      sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, widest * 1.6));
    });
    if (percentColumn) sheet.getColumn(percentColumn).numFmt = '0"%"';
  };
  for (const r of reports) add(r.report.id, targetTable(r, lang, tz), PERCENT_COLUMN + 1);
  const recordSheet = recordTable(records, lang, tz);
  if (rest) recordSheet.rows.push([rest]);
  add(TEXT.sheetNames[lang].records, recordSheet);
  add(TEXT.sheetNames[lang].owners, ownerTable(reports, lang, tz));
  return Buffer.from(await book.xlsx.writeBuffer());
}
