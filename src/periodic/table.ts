/**
 * A period report as tables: one row per target (the CSV, and each report's sheet of the
 * workbook), the period's records, and the owners — the same rows for every format.
 */
import { TEXT } from '../chat/texts.js';
import type { Lang } from '../chat/types.js';
import type { ItemState, TargetState } from '../progress/standing.js';
import type { ProgressRecord } from '../store/types.js';
import { localDate, localDateTime } from '../time.js';
import { ownerNames, type PeriodReport } from './build.js';

export type Cell = string | number | null;

export interface Table {
  header: string[];
  rows: Cell[][];
}

/**
 * What a target's row says of it: met, else (after the plan's end) not met, else behind, else its
 * item stale, else no value yet, else on track.
 */
export function targetState(
  item: ItemState,
  t: TargetState,
  ended: boolean,
): 'met' | 'unmet' | 'behind' | 'stale' | 'none' | 'going' {
  if (t.met) return 'met';
  if (ended) return 'unmet';
  if (t.behind) return 'behind';
  if (item.stale) return 'stale';
  return t.value === undefined ? 'none' : 'going';
}

/** Where the percent stands in a target row (0-based). */
export const PERCENT_COLUMN = 9;

/** One row per target of a report, as it stood at the end of the period (or now, while it runs). */
export function targetTable(r: PeriodReport, lang: Lang, tz: string): Table {
  const rows: Cell[][] = [];
  for (const s of r.digest.standing.sections) {
    for (const item of s.items) {
      for (const t of item.targets) {
        rows.push([
          r.report.id,
          s.section.title,
          item.item.id,
          item.item.title,
          t.target.id,
          t.target.kind === 'milestone' ? t.target.text : t.target.metric,
          t.value ?? null,
          t.target.value,
          t.target.unit,
          t.percent,
          TEXT.stateWord[lang](targetState(item, t, r.digest.standing.ended)),
          ownerNames(r, item.item.id, t.target.id).join(TEXT.listSep[lang]),
          r.units.get(item.item.id) ?? '',
          t.at ? localDate(t.at, tz) : '',
        ]);
      }
    }
  }
  return { header: TEXT.targetColumns[lang], rows };
}

/** Every record sent in the period (undos included), oldest first. */
export function recordTable(records: ProgressRecord[], lang: Lang, tz: string): Table {
  return {
    header: TEXT.recordColumns[lang],
    rows: records.map((p) => [
      p.id,
      p.reportId,
      p.itemId,
      p.targetId ?? '',
      p.userName || p.userId,
      `${p.platform}:${p.userId}`,
      localDateTime(p.createdAt, tz),
      localDate(p.asOf, tz),
      p.value,
      p.kind === 'undo' ? TEXT.undid[lang](p.undoes) : p.note,
      p.kind,
      TEXT.yesNo[lang](p.undone),
    ]),
  };
}

/** Every owner of the reports' items and targets, and lead units of items nobody owns yet. */
export function ownerTable(reports: PeriodReport[], lang: Lang, tz: string): Table {
  const rows: Cell[][] = [];
  for (const r of reports) {
    const title = (id: string) => r.report.sections.flatMap((s) => s.items).find((i) => i.id === id)?.title ?? '';
    for (const o of r.owners) {
      rows.push([
        r.report.id,
        o.itemId,
        title(o.itemId),
        o.targetId ?? '',
        o.name,
        `${o.platform}:${o.userId}`,
        r.units.get(o.itemId) ?? '',
        o.assignedBy,
        localDateTime(o.assignedAt, tz),
      ]);
    }
    for (const [itemId, unit] of r.units) {
      if (!r.owners.some((o) => o.itemId === itemId))
        rows.push([r.report.id, itemId, title(itemId), '', '', '', unit, '', '']);
    }
  }
  return { header: TEXT.ownerColumns[lang], rows };
}

function csvCell(c: Cell): string {
  // User text that a spreadsheet would run as a formula (=, +, -, @ in front) is kept as text.
  const s = c === null ? '' : typeof c === 'string' && /^[=+\-@\t\r]/.test(c) ? `'${c}` : String(c);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV with a UTF-8 byte order mark, so Excel reads the Chinese right. */
export function toCsv(t: Table): string {
  return `\ufeff${[t.header, ...t.rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
