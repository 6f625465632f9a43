/**
 * The daily digest's content: what was updated in a time window, grouped by section; and, from
 * the read model, the standing by section and what needs attention — targets behind the pace
 * of the plan and items with no update for a while.
 */

import type { ItemState, ReportState, Standings } from '../progress/standing.js';
import type { Item, Report, Section, Target } from '../report/types.js';
import type { Owner, ProgressRepository } from '../store/types.js';

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

/** An item still stale a period after its owners were reminded. */
export interface Escalated {
  state: ItemState;
  owners: Owner[];
}

export interface Digest {
  report: Report;
  date: string;
  from: string;
  to: string;
  /** The latest update of each target (and note of each item) in the window. */
  updates: DigestUpdate[];
  /** How many records the window holds, overwritten ones included. */
  count: number;
  standing: ReportState;
  /** Owners of each item, by item id. */
  owners: Map<string, Owner[]>;
  /** Items still stale after a reminder, for admins. */
  escalated: Escalated[];
}

/** Build the digest of one report for the window [from, to). */
export async function buildDigest(
  report: Report,
  progress: ProgressRepository,
  standings: Standings,
  date: string,
  from: Date,
  to: Date,
  followUp: { owners: Map<string, Owner[]>; escalated: { report: Report; state: ItemState; owners: Owner[] }[] } = {
    owners: new Map(),
    escalated: [],
  },
): Promise<Digest> {
  const items = report.sections.flatMap((section) => section.items.map((item) => ({ section, item })));
  const { count, latest } = await progress.window(report.id, from.toISOString(), to.toISOString());
  const last = new Map(latest.map((r) => [`${r.itemId}|${r.targetId ?? ''}`, r]));
  // The value before: each target's latest value in force before the window (one index seek a target).
  const before = new Map<string, Map<string, { value: number }>>();
  for (const itemId of new Set([...last.values()].map((r) => r.itemId)))
    before.set(itemId, await progress.latestForItem(report.id, itemId, from.toISOString()));
  const updates: DigestUpdate[] = [];
  for (const r of last.values()) {
    const place = items.find((x) => x.item.id === r.itemId);
    if (!place) continue;
    const target = place.item.targets.find((t) => t.id === r.targetId);
    updates.push({
      ...place,
      target,
      who: r.userName || r.userId,
      // A record dated back before the window is itself part of "before": no earlier value is shown.
      before: target && r.asOf >= from.toISOString() ? before.get(r.itemId)?.get(target.id)?.value : undefined,
      value: r.value,
      note: r.note,
      at: r.createdAt,
    });
  }
  updates.sort((a, b) => a.at.localeCompare(b.at));
  const standing = await standings.report(report, to);
  const owners = new Map(
    [...followUp.owners]
      .filter(([k]) => k.startsWith(`${report.id}:`))
      .map(([k, v]) => [k.slice(report.id.length + 1), v]),
  );
  const escalated = followUp.escalated.filter((e) => e.report === report);
  return { report, date, from: from.toISOString(), to: to.toISOString(), updates, count, standing, owners, escalated };
}
