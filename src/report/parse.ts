/**
 * Parse a work report file into Report → Section → Item. Sections are headed `（一）` or `(一)`,
 * items start a sentence with `一是`, `二是`…; both must run in order. A file that does not fit
 * is refused with the file and line, never read as an empty tree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseChineseNumeral } from './numbers.js';
import { extractTargets } from './targets.js';
import { normalizePunctuation, splitSentences } from './text.js';
import type { Item, Report, Section } from './types.js';

/** A report file that does not fit the expected shape. */
export class ReportParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(line ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
    this.name = 'ReportParseError';
  }
}

const SECTION_HEAD = /^\s*[(（]([一二三四五六七八九十]+)[)）]\s*/;
const ITEM_MARK = /(^|[。；！？])\s*([一二三四五六七八九十]+)是/g;

interface Header {
  id: string;
  title: string;
  city: string;
  year: number;
  bodyStart: number; // index of the first body line
}

function parseHeader(lines: string[], file: string): Header {
  if (lines[0]?.trim() !== '---') {
    throw new ReportParseError(file, 1, 'expected a header starting with "---" (id, title, city, year)');
  }
  const fields: Record<string, string> = {};
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '---') {
      end = i;
      break;
    }
    const m = /^([a-z]+)\s*[:：]\s*(.*)$/.exec(line);
    if (!m) throw new ReportParseError(file, i + 1, `header line should be "key: value", got "${line}"`);
    fields[m[1]!] = m[2]!.trim();
  }
  if (end < 0) throw new ReportParseError(file, 1, 'the header is not closed by a "---" line');
  const year = Number(fields.year);
  if (!fields.city) throw new ReportParseError(file, end + 1, 'the header has no "city:"');
  if (!Number.isInteger(year) || year < 1949 || year > 2200) {
    throw new ReportParseError(
      file,
      end + 1,
      `the header needs "year:" as a four-digit year, got "${fields.year ?? ''}"`,
    );
  }
  const id = fields.id || basename(file).replace(/\.[^.]+$/, '');
  if (!/^[\w.-]+$/.test(id))
    throw new ReportParseError(file, 2, `report id "${id}" may use only letters, digits, "-", "_" and "."`);
  return {
    id,
    title: fields.title || `${fields.city}${year}年政府工作报告`,
    city: fields.city,
    year,
    bodyStart: end + 1,
  };
}

function splitItems(sectionId: string, body: string, line: number, file: string): { preamble: string; items: Item[] } {
  const marks = [...body.matchAll(ITEM_MARK)].map((m) => ({
    ordinal: parseChineseNumeral(m[2]!)!,
    start: m.index + m[1]!.length,
  }));
  // keep the run 一是, 二是, 三是…; a stray "一是" inside a sentence does not restart it
  const run: typeof marks = [];
  for (const m of marks) if (m.ordinal === run.length + 1) run.push(m);
  const items = run.map((m, i): Item => {
    const text = body
      .slice(m.start, run[i + 1]?.start ?? body.length)
      .trim()
      .replace(/^[一二三四五六七八九十]+是/, '');
    const sentences = splitSentences(text);
    const title = (sentences[0] ?? '').replace(/[。；！？]$/, '');
    const id = `${sectionId}.${m.ordinal}`;
    if (!title) throw new ReportParseError(file, line, `item ${id} has no title`);
    return { id, sectionId, index: m.ordinal, title, text, sentences, targets: extractTargets(id, sentences), line };
  });
  const extra = marks.find((m) => m.ordinal > run.length);
  if (extra) {
    throw new ReportParseError(
      file,
      line,
      `section ${sectionId}: "${'一二三四五六七八九十'[extra.ordinal - 1]}是" comes before "${'一二三四五六七八九十'[run.length]}是"`,
    );
  }
  return { preamble: body.slice(0, run[0]?.start ?? body.length).trim(), items };
}

/** Parse one report file's text. `file` names it in errors. */
export function parseReport(source: string, file: string): Report {
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = parseHeader(lines, file);
  const heads: { ordinal: number; line: number; text: string }[] = [];
  const intro: string[] = [];
  for (let i = header.bodyStart; i < lines.length; i++) {
    const raw = lines[i]!;
    if (!raw.trim()) continue;
    const m = SECTION_HEAD.exec(raw);
    if (m) {
      const ordinal = parseChineseNumeral(m[1]!)!;
      if (ordinal !== heads.length + 1) {
        throw new ReportParseError(
          file,
          i + 1,
          `section （${m[1]}） is out of order: expected （${'一二三四五六七八九十'[heads.length]}）`,
        );
      }
      heads.push({ ordinal, line: i + 1, text: raw.slice(m[0].length).trim() });
    } else if (heads.length) {
      heads[heads.length - 1]!.text += raw.trim();
    } else {
      intro.push(raw.trim());
    }
  }
  if (!heads.length) {
    throw new ReportParseError(file, header.bodyStart + 1, 'no section heading like "（一）" was found');
  }
  const sections = heads.map((h): Section => {
    const text = normalizePunctuation(h.text);
    const id = String(h.ordinal);
    const titleEnd = text.search(/[。；]/);
    const title = (titleEnd < 0 ? text : text.slice(0, titleEnd)).trim();
    if (!title) throw new ReportParseError(file, h.line, `section （${id}） has no title`);
    const { preamble, items } = splitItems(id, titleEnd < 0 ? '' : text.slice(titleEnd + 1), h.line, file);
    return { id, index: h.ordinal, title, preamble, items, line: h.line };
  });
  return {
    id: header.id,
    title: header.title,
    city: header.city,
    year: header.year,
    intro: normalizePunctuation(intro.join('')),
    sections,
    file,
  };
}

/** Load every `.txt` report in a folder, in name order. Ids must be unique. */
export function loadReports(dir: string, current?: string): Report[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const what =
      code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'a file, not a folder' : `unreadable (${code})`;
    throw new ReportParseError(dir, 0, `DUBAN_REPORTS_DIR is ${what}: point it at a folder of .txt reports`);
  }
  const files = names.filter((f) => f.endsWith('.txt')).sort();
  if (!files.length) throw new ReportParseError(dir, 0, 'no .txt report in this folder');
  const reports = files.map((f) => parseReport(readFileSync(join(dir, f), 'utf8'), join(dir, f)));
  const seen = new Set<string>();
  for (const r of reports) {
    if (seen.has(r.id)) throw new ReportParseError(r.file, 2, `report id "${r.id}" is used by another file`);
    seen.add(r.id);
  }
  // The current report first: a bare reference ("4.3") means it. The newest year, unless named.
  reports.sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
  if (current) {
    const i = reports.findIndex((r) => r.id === current);
    if (i < 0) {
      throw new ReportParseError(
        dir,
        0,
        `DUBAN_CURRENT_REPORT="${current}" names no report here (${[...seen].join(', ')})`,
      );
    }
    reports.unshift(...reports.splice(i, 1));
  }
  return reports;
}
