/**
 * Owners in bulk from CSV (`duban import --owners owners.csv`): a header naming the columns item
 * (or target), owner (a platform-qualified id such as wechat:wxid_abc or slack:U0123), name, and
 * optionally unit (牵头单位). All rows are checked before any is written.
 */
import { csvTable } from '../progress/import.js';
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
  const table = csvTable(csv);
  if (!table.ok) return table;
  const { header, body } = table;
  const fields = header.map((h) => COLUMNS[h.trim().toLowerCase()]);
  const missing = (['ref', 'owner'] as const).filter((f) => !fields.includes(f));
  if (missing.length)
    return {
      ok: false,
      errors: [
        `row 1: the header needs the columns item (or target), owner, name (optional: unit); missing: ${missing.join(', ')}`,
      ],
    };
  const col = (row: string[], f: string) => row[fields.indexOf(f as never)]?.trim() ?? '';
  const owners: NewOwner[] = [];
  const units: { reportId: string; itemId: string; unit: string }[] = [];
  const errors: string[] = [];
  body.forEach((row, i) => {
    const line = i + 2;
    const hit = resolveRef(reports, col(row, 'ref'));
    if (hit.kind !== 'item' && hit.kind !== 'target') {
      errors.push(`row ${line}: "${col(row, 'ref')}" is not an item or target of the report (write 4.3 or 4.3#1)`);
      return;
    }
    const m = /^([a-z][a-z0-9]*):(\S+)$/.exec(col(row, 'owner'));
    if (!m) {
      errors.push(
        `row ${line}: owner "${col(row, 'owner')}" should be a platform id such as wechat:wxid_abc or slack:U0123`,
      );
      return;
    }
    owners.push({
      reportId: hit.report.id,
      itemId: hit.item.id,
      targetId: hit.kind === 'target' ? hit.target.id : null,
      platform: m[1]!,
      userId: m[2]!,
      name: col(row, 'name') || `${m[1]}:${m[2]}`,
    });
    const unit = fields.includes('unit') ? col(row, 'unit') : '';
    if (unit) units.push({ reportId: hit.report.id, itemId: hit.item.id, unit });
  });
  if (!body.length) errors.push('the file has a header but no rows');
  return errors.length ? { ok: false, errors } : { ok: true, owners, units };
}
