import { describe, expect, it } from 'vitest';
import { duban } from './run.js';

describe('duban tasks', () => {
  it('prints the whole tree as JSON', async () => {
    const r = await duban(['tasks', '--json']);
    expect(r.code).toBe(0);
    const { reports } = JSON.parse(r.stdout);
    expect(reports[0]).toMatchObject({ id: 'cixi-2015', city: '慈溪', year: 2015 });
    expect(reports[0].sections).toHaveLength(8);
    const s4 = reports[0].sections[3];
    expect(Object.keys(s4)).toEqual(['id', 'title', 'preamble', 'items']);
    expect(s4.items[2]).toMatchObject({ id: '4.3', title: '提升人才支撑水平' });
    expect(s4.items[2].targets[0]).toMatchObject({
      id: '4.3#1',
      kind: 'quantity',
      value: 25,
      unit: '个',
      comparator: '>=',
    });
  });

  it('prints one section in the terminal', async () => {
    const r = await duban(['tasks', '四']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4.3  提升人才支撑水平');
    expect(r.stdout).toContain('4.3#1  领军人才及团队: >= 25个');
    expect(r.stdout).not.toContain('5.1');
  });

  it('says which setting is wrong and stops', async () => {
    const r = await duban(['tasks'], { env: { DUBAN_TZ: 'Nowhere/City' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('DUBAN_TZ="Nowhere/City"');
  });
});
