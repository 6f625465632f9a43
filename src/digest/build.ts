/**
 * The daily digest's content: what was updated in a time window, grouped by section; the
 * standing by section; and what needs attention — targets behind the pace of the plan period
 * and items with no update for a while.
 */
import { percentOf } from '../report/format.js';
import type { Item, Report, Section, Target } from '../report/types.js';
import type { ProgressRecord, ProgressRepo } from '../store/progress.js';
import { startOfLocalDay } from '../time.js';

export interface DigestUpdate {
  section: Section;
  item: Item;
  target?: Target;
  who: string;
  before?: number;
  value: number | null;
  note: string;
  at: string;
}

export interface SectionStanding {
  section: Section;
  targets: number;
  met: number;
  percent: number;
}

export interface Behind {
  item: Item;
  target: Target;
  value: number;
  percent: number;
  expected: number;
}

export interface Stale {
  item: Item;
  lastUpdate?: string;
  days: number;
}

export interface Digest {
  report: Report;
  date: string;
  from: string;
  to: string;
  updates: DigestUpdate[];
  sections: SectionStanding[];
  behind: Behind[];
  stale: Stale[];
}

export interface DigestSettings {
  tz: string;
  staleDays: number;
  planStart?: string;
  planEnd?: string;
}

const DAY = 86400000;

/** True when a value meets its target. */
export function isMet(t: Target, value: number | undefined): boolean {
  if (value === undefined) return false;
  if (t.kind === 'milestone') return value >= 1;
  return t.comparator === '<=' ? value <= t.value : value >= t.value;
}

/** Share of the plan period elapsed at `at`, 0–100. */
export function expectedPercent(report: Report, s: DigestSettings, at: Date): number {
  const start = startOfLocalDay(s.planStart ?? `${report.year}-01-01`, s.tz).getTime();
  const end = startOfLocalDay(s.planEnd ?? `${report.year}-12-31`, s.tz).getTime() + DAY;
  return Math.round(Math.max(0, Math.min(1, (at.getTime() - start) / (end - start))) * 100);
}

function inForce(records: ProgressRecord[]): ProgressRecord[] {
  return records.filter((r) => r.kind !== 'undo' && !r.undone);
}

/** Build the digest of one report for the window [from, to). */
export function buildDigest(report: Report, progress: ProgressRepo, s: DigestSettings, date: string, from: Date, to: Date): Digest {
  const items = report.sections.flatMap((section) => section.items.map((item) => ({ section, item })));
  const window = inForce(progress.between(from.toISOString(), to.toISOString())).filter((r) => r.reportId === report.id);
  const updates: DigestUpdate[] = window.flatMap((r) => {
    const place = items.find((x) => x.item.id === r.itemId);
    if (!place) return [];
    const target = place.item.targets.find((t) => t.id === r.targetId);
    const earlier = target
      ? inForce(progress.history(report.id, r.itemId, 1000)).find((h) => h.targetId === r.targetId && h.value !== null && (h.createdAt < r.createdAt || (h.createdAt === r.createdAt && h.id < r.id)))
      : undefined;
    return [{ ...place, target, who: r.userName || r.userId, before: earlier?.value ?? undefined, value: r.value, note: r.note, at: r.createdAt }];
  });

  const expected = expectedPercent(report, s, to);
  const planEnded = expected >= 100;
  const lastUpdates = progress.lastUpdatePerItem(to.toISOString());
  const planStart = startOfLocalDay(s.planStart ?? `${report.year}-01-01`, s.tz);
  const sections: SectionStanding[] = [];
  const behind: Behind[] = [];
  const stale: Stale[] = [];
  for (const section of report.sections) {
    let targets = 0;
    let met = 0;
    let sum = 0;
    for (const item of section.items) {
      const latest = progress.latestForItem(report.id, item.id, to.toISOString());
      for (const t of item.targets) {
        const value = latest.get(t.id)?.value;
        const percent = value === undefined ? 0 : Math.min(100, percentOf(t, value));
        targets++;
        sum += percent;
        if (isMet(t, value)) met++;
        const lagging = t.kind === 'quantity' ? t.comparator !== '<=' && percent < expected - 10 : planEnded && !isMet(t, value);
        if (lagging) behind.push({ item, target: t, value: value ?? 0, percent, expected });
      }
      const last = lastUpdates.get(`${report.id}:${item.id}`);
      const since = last ? new Date(last) : planStart;
      const days = Math.floor((to.getTime() - since.getTime()) / DAY);
      if (days >= s.staleDays) stale.push({ item, lastUpdate: last, days });
    }
    sections.push({ section, targets, met, percent: targets ? Math.round(sum / targets) : 0 });
  }
  behind.sort((a, b) => b.expected - b.percent - (a.expected - a.percent));
  stale.sort((a, b) => b.days - a.days);
  return { report, date, from: from.toISOString(), to: to.toISOString(), updates, sections, behind, stale };
}
