/**
 * The daily digest's content: what was updated in a time window, grouped by section; and, from
 * the read model, the standing by section and what needs attention — targets behind the pace
 * of the plan and items with no update for a while.
 */

import type { ReportState, Standings } from '../progress/standing.js';
import type { Item, Report, Section, Target } from '../report/types.js';
import type { ProgressRecord, ProgressRepository } from '../store/types.js';

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

export interface Digest {
  report: Report;
  date: string;
  from: string;
  to: string;
  updates: DigestUpdate[];
  standing: ReportState;
}

function inForce(records: ProgressRecord[]): ProgressRecord[] {
  return records.filter((r) => r.kind !== 'undo' && !r.undone);
}

/** Build the digest of one report for the window [from, to). */
export async function buildDigest(
  report: Report,
  progress: ProgressRepository,
  standings: Standings,
  date: string,
  from: Date,
  to: Date,
): Promise<Digest> {
  const items = report.sections.flatMap((section) => section.items.map((item) => ({ section, item })));
  const window = inForce(await progress.between(from.toISOString(), to.toISOString())).filter(
    (r) => r.reportId === report.id,
  );
  const updates: DigestUpdate[] = [];
  for (const r of window) {
    const place = items.find((x) => x.item.id === r.itemId);
    if (!place) continue;
    const target = place.item.targets.find((t) => t.id === r.targetId);
    const earlier = target
      ? inForce(await progress.history(report.id, r.itemId, 1000)).find(
          (h) =>
            h.targetId === r.targetId &&
            h.value !== null &&
            (h.createdAt < r.createdAt || (h.createdAt === r.createdAt && h.id < r.id)),
        )
      : undefined;
    updates.push({
      ...place,
      target,
      who: r.userName || r.userId,
      before: earlier?.value ?? undefined,
      value: r.value,
      note: r.note,
      at: r.createdAt,
    });
  }
  const standing = await standings.report(report, to);
  return { report, date, from: from.toISOString(), to: to.toISOString(), updates, standing };
}
