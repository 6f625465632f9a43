import { describe, expect, it } from 'vitest';
import { testCore } from '../fakes/core.js';

describe('questions about the progress itself, answered from the records', () => {
  async function seeded() {
    const c = await testCore();
    await c.say('进展 4.3#1 25');
    await c.say('进展 8.3 2000');
    return c;
  }

  /** The list's bullet lines, and the items its source line names. */
  const bullets = (plain: string) => plain.split('\n').filter((l) => l.startsWith('• '));
  const sources = (r: { citations: { id: string }[] }) => r.citations.map((c) => c.id);

  it('lists what is behind the pace of the plan, worst first, a phone screen long, each source once', async () => {
    const c = await seeded();
    const r = await c.say('哪些目标落后了？');
    expect(r.plain).toMatch(/^落后于计划进度的目标（11个）/);
    expect(bullets(r.plain)).toHaveLength(5);
    // Nothing recorded is further behind than 8.3's 9%: it waits for the whole list.
    expect(bullets(r.plain)[0]).toContain('：0%，按计划应达');
    expect(r.plain).not.toContain('8.3#1');
    expect(r.plain).toContain('…另有6条，发“落后 全部”看全部');
    expect(new Set(sources(r)).size).toBe(sources(r).length);
    expect(r.plain.match(/2\.1 加快建设工业强市/g)).toHaveLength(1);

    const all = await c.say('落后 全部');
    expect(bullets(all.plain)).toHaveLength(11);
    expect(bullets(all.plain).at(-1)).toBe('• 8.3#1 推进社会保障提质扩面：9%，按计划应达 41%');
    expect(all.plain).not.toContain('全部”');
    expect(new Set(sources(all)).size).toBe(sources(all).length);
    expect(sources(all)).toContain('8.3');

    const en = await c.say('@duban what is behind schedule?');
    expect(en.lang).toBe('en');
    expect(en.plain).toMatch(/^Targets behind the pace of the plan \(11\)/);
    expect(bullets(en.plain)).toHaveLength(5);
    expect(bullets(en.plain)[0]).toBe('• 2.1#1 Build a strong industrial city faster: 0%, 41% expected by now');
    expect(en.plain).toContain('…and 6 more: send “behind all” for the whole list');
    expect(new Set(sources(en)).size).toBe(sources(en).length);
    const enAll = await c.say('behind all');
    expect(bullets(enAll.plain)).toHaveLength(11);
    expect(enAll.plain).toContain('8.3#1');
  });

  it('shortens the other lists the same way, each with its command for the rest', async () => {
    const c = await seeded();
    const none = await c.say('哪些工作还没有人报进展');
    expect(bullets(none.plain)).toHaveLength(5);
    expect(none.plain).toContain('…另有29条，发“未更新 全部”看全部');
    expect(bullets((await c.say('未更新 全部')).plain)).toHaveLength(34);
    const en = await c.say('what has no update yet?');
    expect(en.plain).toContain('send “stale all” for the whole list');
    expect(bullets((await c.say('stale all')).plain)).toHaveLength(34);
    expect((await c.say('已完成 全部')).plain).toContain('4.3#1');
    expect((await c.say('met all')).plain).toContain('• 4.3#1 Strengthen talent support (张三, 2015-06-01)');
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
    expect(en.title).toBe('8.3 Improve and widen social security');
    expect(en.bars[0]).toMatchObject({ label: '8.3#1 22,000 new urban and rural jobs', percent: 9 });
    expect(en.bars[0]?.detail).toMatch(/^2,000 of 22,000 \(9%\) \(张三, 2015-06-01 \d\d:\d\d\)$/);
  });

  it('still answers questions about what the report promised from the report', async () => {
    const c = await seeded();
    const r = await c.say('慈溪中学迁建今年能完成吗');
    expect(r.kind).toBe('answer');
    expect(r.citations[0]?.id).toBe('8.4');
  });
});
