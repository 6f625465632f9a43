/**
 * The read model (progress/standing.ts) as the dashboard needs it: plain JSON for `/api/standing`
 * (the same figures chat and the digest show), the filters of the overview, and each target's
 * values over time against the plan's pace for the item charts.
 */
import {
  type ItemState,
  type PlanSettings,
  planPeriod,
  type ReportState,
  type SectionState,
  type TargetState,
} from '../progress/standing.js';
import type { Item, Report } from '../report/types.js';
import type { TargetValue } from '../store/types.js';
import { localDate } from '../time.js';

export const STATES = ['behind', 'met', 'stale', 'none'] as const;
export type StateFilter = (typeof STATES)[number];

function targetJson(t: TargetState) {
  const { target } = t;
  return {
    id: target.id,
    kind: target.kind,
    metric: target.metric,
    goal: target.value,
    unit: target.unit,
    comparator: target.comparator,
    text: target.text,
    value: t.value ?? null,
    percent: t.percent,
    met: t.met,
    behind: t.behind,
    at: t.at ?? null,
    by: t.userName ?? null,
  };
}

function itemJson(i: ItemState) {
  return {
    id: i.item.id,
    title: i.item.title,
    lastUpdate: i.lastUpdate ?? null,
    idleDays: i.idleDays,
    stale: i.stale,
    targets: i.targets.map(targetJson),
  };
}

/** How many targets some sections hold, how many are met and behind, and how many of their items are stale. */
export function tally(sections: SectionState[]): { targets: number; met: number; behind: number; stale: number } {
  const items = sections.flatMap((s) => s.items);
  const targets = items.flatMap((i) => i.targets);
  return {
    targets: targets.length,
    met: targets.filter((t) => t.met).length,
    behind: targets.filter((t) => t.behind).length,
    stale: items.filter((i) => i.stale).length,
  };
}

/** Every report's standing as JSON: what `/api/standing` answers. */
export function standingJson(states: ReportState[]) {
  return {
    reports: states.map((s) => ({
      id: s.report.id,
      title: s.report.title,
      city: s.report.city,
      year: s.report.year,
      asOf: s.asOf,
      expected: s.expected,
      sections: s.sections.map((sec) => ({
        id: sec.section.id,
        title: sec.section.title,
        targets: sec.targets,
        met: sec.met,
        withProgress: sec.withProgress,
        percent: sec.percent,
        behind: tally([sec]).behind,
        stale: tally([sec]).stale,
        items: sec.items.map(itemJson),
      })),
      behind: s.behind.map((b) => b.target.target.id),
      stale: s.stale.map((i) => i.item.id),
    })),
  };
}

/** Whether an item shows under a state filter: any of its targets in that state (stale: the item). */
export function matches(i: ItemState, state: StateFilter | undefined): boolean {
  switch (state) {
    case undefined:
      return true;
    case 'stale':
      return i.stale;
    case 'behind':
      return i.targets.some((t) => t.behind);
    case 'met':
      return i.targets.some((t) => t.met);
    case 'none':
      return !i.lastUpdate;
  }
}

/** One target's chart: x in Unix seconds, the values in force (null between), and the pace line. */
export interface TargetSeries {
  id: string;
  label: string;
  unit: string;
  /** The pace rises from 0 to the goal over the plan period; a ceiling or a milestone is a flat line. */
  rising: boolean;
  x: number[];
  value: (number | null)[];
  pace: (number | null)[];
}

/**
 * Each target's values by as-of day in `tz` (of one day, the last in as-of order, then sent, wins):
 * a point a day however many records a day holds. `values` come oldest first.
 */
export function targetSeries(
  report: Report,
  item: Item,
  values: TargetValue[],
  plan: PlanSettings,
  tz: string,
): TargetSeries[] {
  const { start, end } = planPeriod(report, plan);
  // The local day of an instant, formatted once an hour of the values (formatting is the slow part).
  const days = new Map<number, string>();
  const dayOf = (ms: number) => {
    const hour = Math.floor(ms / 3600000);
    let day = days.get(hour);
    if (day === undefined) {
      day = localDate(new Date(ms), tz);
      days.set(hour, day);
    }
    return day;
  };
  return item.targets.map((t) => {
    const last = new Map<string, { at: number; value: number }>();
    for (const v of values) {
      if (v.targetId !== t.id) continue;
      const ms = Date.parse(v.asOf);
      const day = dayOf(ms);
      last.set(day, { at: Math.floor(ms / 1000), value: v.value });
    }
    const points = new Map([...last.values()].map((p) => [p.at, p.value]));
    const from = Math.floor(start.getTime() / 1000);
    const to = Math.floor(end.getTime() / 1000);
    const rising = t.kind === 'quantity' && t.comparator !== '<=';
    const x = [...new Set([from, to, ...points.keys()])].sort((a, b) => a - b);
    return {
      id: t.id,
      label: t.kind === 'milestone' ? t.text : t.metric,
      unit: t.unit,
      rising,
      x,
      value: x.map((s) => points.get(s) ?? null),
      pace: x.map((s) => (s === from ? (rising ? 0 : t.value) : s === to ? t.value : null)),
    };
  });
}
