/**
 * Progress records as search results: the items whose records hold a question's terms, best
 * first (by how many of the newest matching records they hold), with a few of those records'
 * words so an answer can be judged against them. The store only finds the records.
 */
import type { ProgressRepository } from '../store/types.js';
import type { ExtraList } from './index.js';

/** How many of the newest matching records are read: the cost stays flat as records grow. */
const READ = 200;

export async function searchRecords(
  progress: Pick<ProgressRepository, 'matching'>,
  terms: string[],
  limit = 20,
): Promise<ExtraList> {
  const rows = await progress.matching(terms, READ);
  const byItem = new Map<string, { n: number; records: { note: string; userName: string; createdAt: string }[] }>();
  for (const { reportId, itemId, ...r } of rows) {
    const key = `${reportId}:${itemId}`;
    const e = byItem.get(key) ?? { n: 0, records: [] };
    e.n++;
    if (e.records.length < 3 && r.note) e.records.push(r);
    byItem.set(key, e);
  }
  const keys = [...byItem]
    .sort((a, b) => b[1].n - a[1].n)
    .slice(0, limit)
    .map(([k]) => k);
  return {
    keys,
    texts: new Map(
      keys.map((k) => [
        k,
        byItem
          .get(k)!
          .records.map((r) => r.note)
          .join(' '),
      ]),
    ),
    records: new Map(keys.map((k) => [k, byItem.get(k)!.records])),
  };
}
