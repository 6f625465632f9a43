/**
 * Resolve what people type for a part of the report: `4.3`, `4-3`, `四.3`, `(四)三`, `（四）3`,
 * `4.3#2`, `第四部分`, or a unique part of an item's title. When nothing fits, or several do,
 * the closest candidates come back so the bot can ask "did you mean…".
 */

import { parseNumber } from './numbers.js';
import { charBigrams } from './text.js';
import type { Item, Report, Section, Target } from './types.js';

export type Resolved =
  | { kind: 'section'; report: Report; section: Section }
  | { kind: 'item'; report: Report; section: Section; item: Item }
  | { kind: 'target'; report: Report; section: Section; item: Item; target: Target }
  | { kind: 'unknown'; ambiguous: boolean; candidates: Candidate[] };

export interface Candidate {
  reportId: string;
  id: string;
  title: string;
}

const NUM = '[0-9]+|[一二三四五六七八九十]+';
const NUMERIC_REF = new RegExp(
  `^(?:第)?[(（]?(${NUM})[)）]?(?:部分|方面)?(?:\\s*[.．\\-－、·,，]?\\s*(?:第)?(${NUM})(?:项|条)?)?(?:\\s*[#＃]\\s*([0-9]+))?$`,
);

function candidate(report: Report, id: string, title: string): Candidate {
  return { reportId: report.id, id, title };
}

function similarity(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared / Math.max(1, a.size);
}

/** The items (and sections) whose words are closest to `text`, best first. */
export function closestItems(reports: Report[], text: string, limit = 3): Candidate[] {
  const q = charBigrams(text);
  const scored: { c: Candidate; score: number }[] = [];
  for (const r of reports) {
    for (const s of r.sections) {
      for (const it of s.items) {
        const score = similarity(q, charBigrams(it.title)) * 2 + similarity(q, charBigrams(it.text));
        scored.push({ c: candidate(r, it.id, it.title), score });
      }
    }
  }
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map((s) => s.c);
}

function byNumbers(
  report: Report,
  sec: number,
  itemNo: number | undefined,
  targetNo: number | undefined,
): Resolved | undefined {
  const section = report.sections.find((s) => s.index === sec);
  if (!section) return undefined;
  if (itemNo === undefined) return targetNo === undefined ? { kind: 'section', report, section } : undefined;
  const item = section.items.find((i) => i.index === itemNo);
  if (!item) return undefined;
  if (targetNo === undefined) return { kind: 'item', report, section, item };
  const target = item.targets[targetNo - 1];
  return target ? { kind: 'target', report, section, item, target } : undefined;
}

function nearNumbers(report: Report, sec: number, itemNo: number | undefined): Candidate[] {
  const section = report.sections.find((s) => s.index === sec);
  if (!section) return report.sections.map((s) => candidate(report, s.id, s.title));
  const item = itemNo === undefined ? undefined : section.items.find((i) => i.index === itemNo);
  if (item) return item.targets.map((t) => candidate(report, t.id, t.metric));
  return section.items.map((i) => candidate(report, i.id, i.title));
}

/**
 * Resolve a reference against the loaded reports. `cixi-2015:4.3` picks a report by id;
 * without a prefix the first report is meant.
 */
export function resolveRef(reports: Report[], input: string): Resolved {
  const raw = input.trim().replace(/\s+/g, ' ');
  const prefixed = /^([\w.-]+):(.+)$/.exec(raw);
  const pool = prefixed ? reports.filter((r) => r.id === prefixed[1]) : reports;
  const ref = (prefixed ? prefixed[2]! : raw).trim();
  if (!pool.length || !ref)
    return { kind: 'unknown', ambiguous: false, candidates: reports.map((r) => candidate(r, r.id, r.title)) };
  const report = pool[0]!;

  const m = NUMERIC_REF.exec(ref);
  if (m) {
    const sec = parseNumber(m[1]!);
    const itemNo = m[2] === undefined ? undefined : parseNumber(m[2]);
    const targetNo = m[3] === undefined ? undefined : Number(m[3]);
    if (sec !== undefined) {
      const hit = byNumbers(report, sec, itemNo, targetNo);
      return hit ?? { kind: 'unknown', ambiguous: false, candidates: nearNumbers(report, sec, itemNo) };
    }
  }

  const needle = ref.replace(/[“”"'‘’\s]/g, '');
  const items = pool.flatMap((r) => r.sections.flatMap((s) => s.items.map((item) => ({ r, s, item }))));
  const exact = items.filter(({ item }) => item.title === needle);
  const found = exact.length ? exact : items.filter(({ item }) => needle.length >= 2 && item.title.includes(needle));
  // A title found in several reports means the current one's (the first).
  const inCurrent = found.filter(({ r }) => r === report);
  const partial = !prefixed && inCurrent.length && inCurrent.length < found.length ? inCurrent : found;
  if (partial.length === 1) {
    const { r, s, item } = partial[0]!;
    return { kind: 'item', report: r, section: s, item };
  }
  if (partial.length > 1) {
    return {
      kind: 'unknown',
      ambiguous: true,
      candidates: partial.map(({ r, item }) => candidate(r, item.id, item.title)),
    };
  }
  const sections = pool
    .flatMap((r) => r.sections.map((s) => ({ r, s })))
    .filter(({ s }) => needle.length >= 2 && s.title.includes(needle));
  if (sections.length === 1) return { kind: 'section', report: sections[0]!.r, section: sections[0]!.s };
  return { kind: 'unknown', ambiguous: false, candidates: closestItems(pool, needle) };
}
