import { describe, expect, it } from 'vitest';
import { testCore } from '../fakes/core.js';

describe('questions about the progress itself, answered from the records', () => {
  async function seeded() {
    const c = await testCore();
    await c.say('进展 4.3#1 25');
    await c.say('进展 8.3 2000');
    return c;
  }

  it('lists what is behind the pace of the plan, with the same figures as the digest', async () => {
    const c = await seeded();
    const r = await c.say('哪些目标落后了？');
    expect(r.plain).toMatch(/^落后于计划进度的目标/);
    expect(r.plain).toContain('8.3#1 推进社会保障提质扩面：9%，按计划应达');
    expect(r.plain).not.toContain('4.3#1');
    const en = await c.say('@duban what is behind schedule?');
    expect(en.lang).toBe('en');
    expect(en.plain).toMatch(/^Targets behind the pace of the plan/);
    expect(en.plain).toContain('8.3#1');
  });

  it('lists the targets met, and the items nobody has reported on', async () => {
    const c = await seeded();
    const met = await c.say('哪些目标已经完成了');
    expect(met.plain).toContain('4.3#1 提升人才支撑水平（张三，2015-06-01）');
    expect(met.plain).not.toContain('8.3#1');
    const none = await c.say('哪些工作还没有人报进展');
    expect(none.plain).toMatch(/^还没有人报过进展的工作（34项）/);
    expect(none.plain).toContain('1.1 促进企业稳定生产');
    expect(none.plain).not.toContain('4.3 ');
  });

  it('answers how a target is going with its standing', async () => {
    const c = await seeded();
    const r = await c.say('我们的就业目标完成得怎么样');
    expect(r.title).toBe('8.3 推进社会保障提质扩面');
    expect(r.plain).toContain('2000/2.2万个');
    const en = await c.say('how is the jobs target going?');
    expect(en.title).toBe('8.3 推进社会保障提质扩面');
  });

  it('still answers questions about what the report promised from the report', async () => {
    const c = await seeded();
    const r = await c.say('慈溪中学迁建今年能完成吗');
    expect(r.kind).toBe('answer');
    expect(r.citations[0]?.id).toBe('8.4');
  });
});
