/**
 * A week's or a month's report for leadership: the daily digest's window logic over the whole
 * period (the latest value of each target moved in it, against where it stood before), the read
 * model's standing at the period's end, and who answers for each item (owners, lead unit).
 */
import { buildDigest, type Digest } from '../digest/build.js';
import { type ItemState, isMet, type Standings, type TargetState } from '../progress/standing.js';
import type { Report } from '../report/types.js';
import type { Owner, OwnerRepository, ProgressRepository } from '../store/types.js';
import type { Period } from './period.js';

export interface PeriodReport {
  report: Report;
  period: Period;
  /** What moved in the period and the standing where the window ends (see `partial`). */
  digest: Digest;
  /** The period is still running: the window ends now, not at the period's end. */
  partial: boolean;
  /** Targets met at the end of the window that were not met before it. */
  newlyMet: { item: ItemState; target: TargetState }[];
  /** Owners of the report's items and targets. */
  owners: Owner[];
  /** Lead units by item id. */
  units: Map<string, string>;
}

/** Build a report's period report, as of `now` for a period still running. */
export async function buildPeriodReport(
  report: Report,
  repos: { progress: ProgressRepository; owners: OwnerRepository },
  standings: Standings,
  period: Period,
  now: Date,
): Promise<PeriodReport> {
  const partial = now < period.to;
  // As of now, a record made this very instant included (windows end before `to`).
  const to = partial ? new Date(now.getTime() + 1) : period.to;
  const digest = await buildDigest(report, repos.progress, standings, period.start, period.from, to);
  const moved = new Map(digest.updates.filter((u) => u.target).map((u) => [u.target!.id, u]));
  const newlyMet = digest.standing.sections
    .flatMap((s) => s.items)
    .flatMap((item) => item.targets.map((target) => ({ item, target })))
    .filter(({ target }) => {
      const u = moved.get(target.target.id);
      return target.met && u && !isMet(target.target, u.before);
    });
  const [owners, units] = await Promise.all([repos.owners.all(), repos.owners.units()]);
  const prefix = `${report.id}:`;
  return {
    report,
    period,
    digest,
    partial,
    newlyMet,
    owners: owners.filter((o) => o.reportId === report.id),
    units: new Map([...units].filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v])),
  };
}

/** Names of who answers for a target (its own owners, then its item's), or for an item; each once. */
export function ownerNames(r: PeriodReport, itemId: string, targetId?: string): string[] {
  const mine = r.owners.filter((o) => o.itemId === itemId && (o.targetId === null || o.targetId === targetId));
  mine.sort((a, b) => Number(a.targetId === null) - Number(b.targetId === null));
  const seen = new Set<string>();
  return mine.flatMap((o) => {
    const key = `${o.platform}:${o.userId}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [o.name || o.userId];
  });
}
