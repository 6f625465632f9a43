import { describe, expect, it } from 'vitest';
import { testCore } from '../fakes/core.js';

describe('looking at the work', () => {
  it('shows one item in full: targets, latest values, who and when, the last records', async () => {
    const c = await testCore();
    await c.say('进展 4.3#1 12');
    const r = await c.say('状态 4.3');
    expect(r.title).toBe('4.3 提升人才支撑水平');
    expect(r.bars.map((b) => [b.label, b.percent])).toEqual([
      ['4.3#1 领军人才及团队 ≥25个', 48],
      ['4.3#2 国家、省“千人计划”和宁波“3315计划”人才及团队 ≥6个', 0],
    ]);
    expect(r.plain).toContain('12/25个，48%（张三，2015-06-01 10:00）');
    expect(r.plain).toContain('#1 2015-06-01 10:00 张三：4.3#1 = 12 “12”');
  });

  it('shows a section and the whole report with completion bars', async () => {
    const c = await testCore();
    await c.say('进展 4.3#1 25');
    const section = await c.say('状态 四');
    expect(section.title).toBe('（四）立足强化动力，推动创新开放提升能级');
    expect(section.bars.find((b) => b.label.startsWith('4.3#1'))?.percent).toBe(100);
    const all = await c.say('status');
    expect(all.bars).toHaveLength(8);
    expect(all.bars[3]).toMatchObject({ percent: 25, detail: '4 targets, 1 with progress' });
  });

  it('shows the history of an item, undone records marked', async () => {
    const c = await testCore();
    await c.say('进展 4.3#1 12');
    await c.say('撤销');
    const r = await c.say('历史 4.3');
    expect(r.text[0]).toContain('撤销了 #1');
    expect(r.text[1]).toContain('#1');
    expect(r.text[1]).toContain('（已撤销）');
  });

  it('lists the tasks of a section and gives short help in the user’s language', async () => {
    const c = await testCore();
    expect((await c.say('任务 4')).plain).toContain('4.3#1 领军人才及团队 ≥25个');
    expect((await c.say('帮助')).plain).toContain('进展 4.3 已引进领军人才及团队12个');
    expect((await c.say('help')).plain).toContain('progress 4.3 12');
  });

  it('answers an unknown reference with the closest choices', async () => {
    const c = await testCore();
    const r = await c.say('状态 4.9');
    expect(r.kind).toBe('invalid');
    expect(r.plain).toContain('4.1 提速科教园区建设');
  });
});

describe('questions in the chat', () => {
  it('answers about an item with its latest standing', async () => {
    const c = await testCore();
    await c.say('进展 4.3 已引进领军人才及团队12个');
    const r = await c.say('人才团队的引进目标是多少？', { userId: 'someone' });
    expect(r.kind).toBe('answer');
    expect(r.plain).toContain('最新进展 12/25个，48%（张三，2015-06-01）');
    expect(r.citations[0]?.id).toBe('4.3');
  });

  it('finds progress records when asked how work is going', async () => {
    const c = await testCore();
    await c.say('进展 4.3 已引进领军人才及团队12个');
    const r = await c.say('人才引进进展如何');
    expect(r.citations[0]?.id).toBe('4.3');
    expect(r.plain).toContain('12/25个，48%');
  });

  it('shows the latest note of an item that has no measurable target', async () => {
    const c = await testCore();
    await c.say('进展 1.1 走访企业200家，解决问题35个');
    const r = await c.say('千名干部服务千家企业专项行动要解决哪些问题');
    expect(r.citations[0]?.id).toBe('1.1');
    expect(r.plain).toContain('最近进展：走访企业200家，解决问题35个（张三，2015-06-01）');
  });

  it('answers from a progress record when the report’s own words do not', async () => {
    const c = await testCore();
    expect((await c.say('海外工程师团队引进了多少')).kind).toBe('not-found');
    await c.say('进展 4.3#1 引进海外工程师团队3个');
    const r = await c.say('海外工程师团队引进了多少');
    expect(r.kind).toBe('answer');
    expect(r.citations[0]?.id).toBe('4.3');
    expect(r.plain).toContain('相关进展记录：引进海外工程师团队3个（张三，2015-06-01）');
  });

  it('says when the report does not say', async () => {
    const c = await testCore();
    const r = await c.say('高铁站什么时候建成');
    expect(r.kind).toBe('not-found');
  });

  it('never crashes on odd input', async () => {
    const c = await testCore();
    for (const text of [
      '',
      '   ',
      '???',
      '进展',
      '#',
      '/',
      '\u0000',
      '进展 ）（ 3',
      'undo abc',
      '状态 #',
      '😀'.repeat(50),
    ]) {
      const r = await c.say(text);
      // An answer that says what to do — not the catch-all "something went wrong".
      expect(r.kind, text).not.toBe('error');
      expect(r.text.length + r.bars.length).toBeGreaterThan(0);
    }
  });
});

describe('when the store fails', () => {
  it('says so to the user, and logs and audits the error once per kind, with a count', async () => {
    const c = await testCore();
    const logged: string[] = [];
    const stderr = process.stderr.write;
    process.stderr.write = ((line: string) => logged.push(String(line)) > 0) as typeof process.stderr.write;
    const history = c.store.progress.history;
    c.store.progress.history = async () => {
      throw new Error('database disk image is malformed');
    };
    try {
      for (let i = 0; i < 3; i++) expect((await c.say('历史 4.3')).plain).toContain('出错了');
    } finally {
      c.store.progress.history = history;
      process.stderr.write = stderr;
    }
    expect(logged.filter((l) => l.includes('malformed'))).toEqual([
      'duban: "history" failed (1×): database disk image is malformed\n',
    ]);
    expect((await c.store.audit.recent(1))[0]).toMatchObject({ action: 'history', outcome: 'error' });
  });
});
