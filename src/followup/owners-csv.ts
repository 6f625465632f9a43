/**
 * Owners in bulk from CSV (`duban import --owners owners.csv`): a header naming the columns item
 * (or target), owner (a platform-qualified id such as wechat:wxid_abc or slack:U0123), name, and
 * optionally unit (牵头单位). All rows are checked before any is written.
 */
import { readTable } from '../progress/csv-table.js';
import { resolveRef } from '../report/refs.js';
import type { Report } from '../report/types.js';
import type { NewOwner } from '../store/types.js';

const COLUMNS: Record<string, 'ref' | 'owner' | 'name' | 'unit'> = {
  item: 'ref',
  target: 'ref',
  事项: 'ref',
  条目: 'ref',
  owner: 'owner',
  id: 'owner',
  负责人id: 'owner',
  name: 'name',
  负责人: 'name',
  姓名: 'name',
  unit: 'unit',
  牵头单位: 'unit',
};

export type OwnersResult =
  | { ok: true; owners: NewOwner[]; units: { reportId: string; itemId: string; unit: string }[] }
  | { ok: false; errors: string[] };

export function checkOwners(csv: string, reports: Report[]): OwnersResult {
  const read = readTable(csv, {
    columns: COLUMNS,
    required: ['ref', 'owner'],
    needs: 'item (or target), owner, name (optional: unit)',
  });
  if (!read.ok) return read;
  const owners: NewOwner[] = [];
  const units: { reportId: string; itemId: string; unit: string }[] = [];
  const errors: string[] = [];
  for (const { line, cells } of read.table.rows) {
    const col = (f: 'ref' | 'owner' | 'name' | 'unit') => cells[f]?.trim() ?? '';
    const hit = resolveRef(reports, col('ref'));
    if (hit.kind !== 'item' && hit.kind !== 'target') {
      errors.push(`row ${line}: "${col('ref')}" is not an item or target of the report (write 4.3 or 4.3#1)`);
      continue;
    }
    const m = /^([a-z][a-z0-9]*):(\S+)$/.exec(col('owner'));
    if (!m) {
      errors.push(
        `row ${line}: owner "${col('owner')}" should be a platform id such as wechat:wxid_abc or slack:U0123`,
      );
      continue;
    }
    owners.push({
      reportId: hit.report.id,
      itemId: hit.item.id,
      targetId: hit.kind === 'target' ? hit.target.id : null,
      platform: m[1]!,
      userId: m[2]!,
      name: col('name') || `${m[1]}:${m[2]}`,
    });
    const unit = col('unit');
    if (unit) units.push({ reportId: hit.report.id, itemId: hit.item.id, unit });
  }
  return errors.length ? { ok: false, errors } : { ok: true, owners, units };
}
