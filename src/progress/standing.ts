/**
 * The read model: where every target, item and section stands — values, percent reached, met,
 * behind the pace of the plan, stale — as data, computed once here from the store and rendered
 * by the chat views, the digest and (next) the dashboard alike.
 */
import { percentOf } from '../report/format.js';
import type { Item, Report, Section, Target } from '../report/types.js';
import type { ProgressRepository } from '../store/types.js';
import { startOfLocalDay } from '../time.js';

export interface PlanSettings {
  tz: string;
  /** Days without an update after which an item is stale. */
  staleDays: number;
  /** The plan period (local dates); the report's year when not given. */
  planStart?: string;
  planEnd?: string;
}

export interface TargetState {
  target: Target;
  /** The latest value in force, if any. */
  value?: number;
  /** Percent reached, capped at 100. */
  percent: number;
  met: boolean;
  /**
   * Behind the pace of the plan (a quantity more than 10 points under it, or a milestone not done
   * when the plan ended).
   */
  behind: boolean;
  at?: string;
  userName?: string;
}

export interface ItemState {
  report: Report;
  section: Section;
  item: Item;
  targets: TargetState[];
  /** Time of the newest record in force. */
  lastUpdate?: string;
  /** Whole days since the last update (or since the plan began), counted up to the plan's end at most. */
  idleDays: number;
  /** No update for the stale days while the plan runs (after its end nothing is stale: it is met or not). */
  stale: boolean;
}

export interface SectionState {
  report: Report;
  section: Section;
  items: ItemState[];
  targets: number;
  met: number;
  withProgress: number;
  /** The targets' percents reached, averaged. */
  percent: number;
}

export interface ReportState {
  report: Report;
  asOf: string;
  /** Share of the plan period elapsed, 0–100. */
  expected: number;
  /** The plan period is over: what is not met was not met at its end. */
  ended: boolean;
  /** The plan's last day (local date). */
  planEnd: string;
  sections: SectionState[];
  /** Targets behind the pace of the plan, furthest behind first. */
  behind: { item: ItemState; target: TargetState }[];
  /** Items with no update for `staleDays`, longest first. */
  stale: ItemState[];
}

const DAY = 86400000;

/** True when a value meets its target. */
export function isMet(t: Target, value: number | undefined): boolean {
  if (value === undefined) return false;
  if (t.kind === 'milestone') return value >= 1;
  return t.comparator === '<=' ? value <= t.value : value >= t.value;
}

/** The plan period of a report: its first and last local day, and the instants it starts and ends. */
export function planPeriod(report: Report, s: PlanSettings) {
  const first = s.planStart ?? `${report.year}-01-01`;
  const last = s.planEnd ?? `${report.year}-12-31`;
  return {
    first,
    last,
    start: startOfLocalDay(first, s.tz),
    end: new Date(startOfLocalDay(last, s.tz).getTime() + DAY),
  };
}

/** Share of the plan period elapsed at `at`, 0–100. */
export function expectedPercent(report: Report, s: PlanSettings, at: Date): number {
  const { start, end } = planPeriod(report, s);
  return Math.round(
    Math.max(0, Math.min(1, (at.getTime() - start.getTime()) / (end.getTime() - start.getTime()))) * 100,
  );
}

export class Standings {
  constructor(
    private readonly progress: ProgressRepository,
    /** The plan period and staleness the standings are judged by. */
    readonly settings: PlanSettings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Where an item stands at `at` (now when not given). */
  async item(report: Report, section: Section, item: Item, at?: Date): Promise<ItemState> {
    const asOf = at?.toISOString();
    // One item's last update is its newest record in force; only a whole report needs the aggregate.
    const [latest, last] = await Promise.all([
      this.progress.latestForItem(report.id, item.id, asOf),
      asOf
        ? this.progress.lastUpdatePerItem(asOf).then((u) => u.get(`${report.id}:${item.id}`))
        : this.progress.latestNote(report.id, item.id).then((r) => r?.asOf),
    ]);
    return this.itemFrom(report, section, item, latest, last, at ?? this.now());
  }

  private itemFrom(
    report: Report,
    section: Section,
    item: Item,
    latest: Awaited<ReturnType<ProgressRepository['latestForItem']>>,
    lastUpdate: string | undefined,
    at: Date,
  ): ItemState {
    const expected = expectedPercent(report, this.settings, at);
    const targets = item.targets.map((target): TargetState => {
      const l = latest.get(target.id);
      const value = l?.value;
      const percent = value === undefined ? 0 : Math.min(100, percentOf(target, value));
      const met = isMet(target, value);
      const behind =
        target.kind === 'quantity' ? target.comparator !== '<=' && percent < expected - 10 : expected >= 100 && !met;
      return { target, value, percent, met, behind, at: l?.at, userName: l?.userName };
    });
    const plan = planPeriod(report, this.settings);
    const since = lastUpdate ? new Date(lastUpdate) : plan.start;
    const until = Math.min(at.getTime(), plan.end.getTime());
    const idleDays = Math.max(0, Math.floor((until - since.getTime()) / DAY));
    const stale = at < plan.end && idleDays >= this.settings.staleDays;
    return { report, section, item, targets, lastUpdate, idleDays, stale };
  }

  /** Where a section stands at `at` (`updates`: every item's last update, when already read). */
  async section(report: Report, section: Section, at?: Date, updates?: Map<string, string>): Promise<SectionState> {
    const when = at ?? this.now();
    updates ??= await this.progress.lastUpdatePerItem(at?.toISOString());
    const items = await Promise.all(
      section.items.map(async (item) => {
        const latest = await this.progress.latestForItem(report.id, item.id, at?.toISOString());
        return this.itemFrom(report, section, item, latest, updates.get(`${report.id}:${item.id}`), when);
      }),
    );
    const all = items.flatMap((i) => i.targets);
    return {
      report,
      section,
      items,
      targets: all.length,
      met: all.filter((t) => t.met).length,
      withProgress: all.filter((t) => t.value !== undefined).length,
      percent: all.length ? Math.round(all.reduce((a, t) => a + t.percent, 0) / all.length) : 0,
    };
  }

  /** Where a whole report stands at `at`: its sections, what is behind and what is stale. */
  async report(report: Report, at?: Date): Promise<ReportState> {
    const when = at ?? this.now();
    // Every item's last update read once for the whole report, not once a section.
    const updates = await this.progress.lastUpdatePerItem(at?.toISOString());
    const sections = await Promise.all(report.sections.map((s) => this.section(report, s, at, updates)));
    const items = sections.flatMap((s) => s.items);
    const behind = items
      .flatMap((item) => item.targets.filter((t) => t.behind).map((target) => ({ item, target })))
      .sort((a, b) => a.target.percent - b.target.percent);
    const stale = items.filter((i) => i.stale).sort((a, b) => b.idleDays - a.idleDays);
    const plan = planPeriod(report, this.settings);
    return {
      report,
      asOf: when.toISOString(),
      ended: when >= plan.end,
      planEnd: plan.last,
      expected: expectedPercent(report, this.settings, when),
      sections,
      behind,
      stale,
    };
  }
}
