import { describe, expect, it } from 'vitest';
import { resolveRef } from '../../src/report/refs.js';
import { reports } from '../fakes/report.js';

function idOf(ref: string): string {
  const r = resolveRef(reports, ref);
  if (r.kind === 'unknown') return `unknown:${r.candidates.map((c) => c.id).join(',')}`;
  return r.kind === 'target' ? r.target.id : r.kind === 'item' ? r.item.id : `section:${r.section.id}`;
}

describe('references to the report', () => {
  it.each([
    '4.3',
    '4-3',
    '四.3',
    '(四)三',
    '（四）3',
    '（四）三',
    '4．3',
    '提升人才支撑水平',
    '人才支撑',
    'cixi-2015:4.3',
    ' 4.3 ',
  ])('%s → item 4.3', (ref) => {
    expect(idOf(ref)).toBe('4.3');
  });

  it.each([
    ['4.3#2', '4.3#2'],
    ['4-3#1', '4.3#1'],
    ['（四）三＃2', '4.3#2'],
  ])('%s → target %s', (ref, id) => {
    expect(idOf(ref)).toBe(id);
  });

  it.each(['4', '四', '(四)', '第四部分'])('%s → section 4', (ref) => {
    expect(idOf(ref)).toBe('section:4');
  });

  it('offers the items of the section for an item that does not exist', () => {
    expect(idOf('4.9')).toBe('unknown:4.1,4.2,4.3,4.4');
  });

  it('offers the targets of the item for a target that does not exist', () => {
    expect(idOf('4.3#7')).toBe('unknown:4.3#1,4.3#2');
  });

  it('says an ambiguous title part is ambiguous and lists the matches', () => {
    const r = resolveRef(reports, '改革');
    expect(r.kind).toBe('unknown');
    if (r.kind === 'unknown') {
      expect(r.ambiguous).toBe(true);
      expect(r.candidates.map((c) => c.id)).toEqual(['3.2', '3.3', '3.4']);
    }
  });

  it('offers the closest items for words that match no title', () => {
    const r = resolveRef(reports, '人才引进');
    expect(r.kind === 'unknown' && r.candidates[0]?.id).toBe('4.3');
  });
});
