import { describe, expect, it } from 'vitest';
import { testCore } from '../fakes/core.js';

describe('recording progress', () => {
  it('records a value read from the text and answers with the target, value, percent and undo', async () => {
    const c = await testCore();
    const r = await c.say('进展 4.3 已引进领军人才及团队12个');
    expect(r.kind).toBe('recorded');
    expect(r.plain).toContain('已记录 4.3#1');
    expect(r.plain).toContain('12/25个，48%');
    expect(r.plain).toContain('撤销');
    const rec = (await c.store.progress.history('cixi-2015', '4.3'))[0]!;
    expect(rec).toMatchObject({
      targetId: '4.3#1',
      value: 12,
      userId: 'u1',
      userName: '张三',
      channelId: 'C1',
      platform: 'test',
      rawText: '进展 4.3 已引进领军人才及团队12个',
    });
  });

  it.each([
    ['progress 4.3#2 3', '4.3#2', 3],
    ['/进展 8.3 新增就业岗位1.2万个', '8.3#1', 12000],
    ['#进展 6.4 完成节能改造项目二十个', '6.4#1', 20],
    ['进展 (四)三 千人计划人才4个', '4.3#2', 4],
    ['进展 4-3#1 截至5月31日引进15个', '4.3#1', 15],
  ])('%s → %s = %d', async (text, targetId, value) => {
    const c = await testCore();
    const r = await c.say(text);
    expect(r.kind).toBe('recorded');
    expect((await c.store.progress.history('cixi-2015', targetId.split('#')[0]!))[0]).toMatchObject({
      targetId,
      value,
    });
  });

  it('adds to the latest value with +N', async () => {
    const c = await testCore();
    await c.say('进展 4.3#1 10');
    const r = await c.say('进展 4.3#1 +2');
    expect(r.plain).toContain('12/25个');
    expect(r.plain).toContain('在 10 的基础上 +2');
  });

  it('marks a milestone done', async () => {
    const c = await testCore();
    const r = await c.say('完成 5.2#2');
    expect(r.plain).toContain('已完成');
    expect((await c.store.progress.latestForItem('cixi-2015', '5.2')).get('5.2#2')?.value).toBe(1);
  });

  it('does not mark a milestone done twice', async () => {
    const c = await testCore();
    await c.say('完成 5.2#2');
    const again = await c.say('完成 5.2#2', { userId: 'u2', userName: '李四' });
    expect(again.kind).toBe('invalid');
    expect(again.plain).toContain('5.2#2 已经标记完成了（张三，2015-06-01）');
    expect(await c.store.progress.count()).toBe(1);
  });

  it('takes a note on an item that has no measurable target', async () => {
    const c = await testCore();
    const r = await c.say('进展 1.1 走访企业200家，解决问题35个');
    expect(r.kind).toBe('recorded');
    expect((await c.store.progress.latestNote('cixi-2015', '1.1'))?.note).toBe('走访企业200家，解决问题35个');
  });

  it.each([
    ['进展 9.9 3', '没有找到“9.9”'],
    ['进展 4.3#1', '没有读到数值'],
    ['进展 4.3#1 -3', '不能是负数'],
    ['进展 4.3#1 完成60%', '不要用百分比'],
    ['进展 4.3 12', '4.3 有2个目标'],
    ['进展 5.2#2 3', '5.2#2 是里程碑'],
    ['完成 4.3#1', '4.3#1 是数量目标'],
    ['进展 4 12', '是一个部分'],
    ['progress', 'Say which item'],
    ['进展 4.3 到了15个', '4.3 有2个目标'], // not 4.3#2 because "15" sits inside "3315计划"
    [`进展 4.3#1 ${'9'.repeat(400)}`, '大得不合常理'],
    ['进展 4.3#1 1亿亿亿亿个', '大得不合常理'],
    ['进展 4.3#1 99999999999999999999', '大得不合常理'],
    ['进展 4.3#1 1e3', '“1e3”这种写法读不了'],
    ['进展 4.3#1 0x10', '“0x10”这种写法读不了'],
    ['进展 6.4#1 =A1*3', '“=A1*3”这种写法读不了，请直接写数字，例如：进展 6.4#1 1000'],
    ['进展 4.3#1 =1+2', '“=1+2”这种写法读不了'],
    ['进展 4.3#1 已引进 =SUM(B2:B9)', '“=SUM(B2:B9)”这种写法读不了'],
    ['进展 4.3#2 <@U024BE7LH> 负责', '没有读到数值'],
    ['进展 4.3#2 见 <#C123|general>', '没有读到数值'],
    ['完成 4 -1人', '是一个部分'],
  ])('refuses %s and says what to type instead', async (text, message) => {
    const c = await testCore();
    const r = await c.say(text);
    expect(r.kind).toBe('invalid');
    expect(r.ephemeral).toBe(true);
    expect(r.plain).toContain(message);
    expect(await c.store.progress.count()).toBe(0);
    expect((await c.store.audit.recent(1))[0]).toMatchObject({ outcome: 'invalid', input: text });
  });

  it('refuses an over-long message, keeping it in the audit log', async () => {
    const c = await testCore({ DUBAN_MAX_MESSAGE_CHARS: '100' });
    const long = `进展 4.3 ${'很长'.repeat(60)}`;
    const r = await c.say(long);
    expect(r.plain).toContain('消息太长');
    expect(await c.store.progress.count()).toBe(0);
    expect((await c.store.audit.recent(1))[0]).toMatchObject({ outcome: 'invalid', input: long });
  });
});

describe('who may record', () => {
  it('lets only the listed updaters and admins record; anyone may ask', async () => {
    const c = await testCore({ DUBAN_UPDATERS: 'test:u1', DUBAN_ADMINS: 'test:boss' });
    const refused = await c.say('进展 4.3#1 5', { userId: 'stranger', userName: '路人' });
    expect(refused.kind).toBe('refused');
    expect(refused.plain).toContain('没有登记进展的权限');
    expect(await c.store.progress.count()).toBe(0);
    expect((await c.store.audit.recent(1))[0]).toMatchObject({ outcome: 'refused', userId: 'stranger' });
    expect((await c.say('进展 4.3#1 5', { userId: 'u1' })).kind).toBe('recorded');
    expect((await c.say('进展 4.3#1 6', { userId: 'boss' })).kind).toBe('recorded');
    expect((await c.say('人才团队的引进目标是多少？', { userId: 'stranger' })).kind).toBe('answer');
  });
});

describe('undo', () => {
  it("takes back the sender's last update by adding a record, never deleting one", async () => {
    const c = await testCore();
    await c.say('进展 4.3#1 10');
    await c.say('进展 4.3#1 12');
    await c.say('进展 4.3#1 99', { userId: 'u2', userName: '李四' });
    const r = await c.say('撤销');
    expect(r.plain).toContain('已撤销记录 #2');
    expect(r.plain).toContain('现在是 99');
    expect(await c.store.progress.count()).toBe(4);
    const history = await c.store.progress.history('cixi-2015', '4.3');
    expect(history.find((h) => h.id === 2)?.undone).toBe(true);
    expect((await c.say('撤销')).plain).toContain('已撤销记录 #1');
    expect((await c.say('撤销')).plain).toContain('没有可以撤销');
  });

  it("lets an admin undo anyone's record by id, and nobody else", async () => {
    const c = await testCore({ DUBAN_ADMINS: 'test:boss' });
    await c.say('进展 4.3#1 10', { userId: 'u2' });
    const notYours = await c.say('撤销 1', { userId: 'u1' });
    expect(notYours.kind).toBe('refused');
    expect(notYours.plain).toContain('不是您登记的');
    const byAdmin = await c.say('undo 1', { userId: 'boss' });
    expect(byAdmin.plain).toContain('Undid record #1');
    expect((await c.store.progress.latestForItem('cixi-2015', '4.3')).size).toBe(0);
    expect((await c.say('撤销 1', { userId: 'boss' })).plain).toContain('已经撤销过了');
    expect((await c.say('撤销 42', { userId: 'boss' })).plain).toContain('没有编号为 #42');
    expect((await c.say('撤销 上一条', { userId: 'boss' })).plain).toContain('写记录编号');
  });

  it('ties an admin to their platform: the same id on another platform is nobody special', async () => {
    const c = await testCore({ DUBAN_ADMINS: 'slack:a1' });
    await c.say('进展 4.3#1 10', { platform: 'slack', userId: 'U2' });
    const impostor = await c.say('撤销 1', { platform: 'wechat', userId: 'a1' });
    expect(impostor.kind).toBe('refused');
    expect((await c.say('撤销 1', { platform: 'slack', userId: 'a1' })).plain).toContain('已撤销记录 #1');
  });

  it.each([' ', '\u0000', '\t'])('refuses a user id that names nobody (%j)', async (userId) => {
    const c = await testCore();
    const r = await c.say('进展 4.3#1 10', { userId });
    expect(r.kind).toBe('error');
    expect(await c.store.progress.count()).toBe(0);
  });

  it('tells a person their qualified id, for an admin to configure', async () => {
    const c = await testCore({ DUBAN_ADMINS: 'slack:a1' });
    expect((await c.say('我是谁', { platform: 'wechat', userId: 'wxid_abc' })).plain).toContain('wechat:wxid_abc');
    expect((await c.say('whoami', { platform: 'slack', userId: 'a1' })).plain).toContain('slack:a1 (an admin)');
  });
});

describe('corrections', () => {
  it('corrects a record with 修改 N VALUE: the old one undone, the new one dated as it was', async () => {
    const c = await testCore();
    await c.say('进展 4.3#1 12');
    c.clock.now = new Date('2015-06-05T02:00:00Z');
    const r = await c.say('修改 1 15');
    expect(r.plain).toContain('已修改记录 #1');
    expect(r.plain).toContain('12 → 15/25个，60%');
    expect((await c.store.progress.get(1))?.undone).toBe(true);
    const latest = (await c.store.progress.latestForItem('cixi-2015', '4.3')).get('4.3#1');
    expect(latest).toMatchObject({ value: 15, at: '2015-06-01T02:00:00.000Z' });
    expect(await c.store.progress.count()).toBe(3); // nothing deleted: the record, its undo, the correction
  });

  it('refuses to correct someone else’s record, or one without a value', async () => {
    const c = await testCore();
    await c.say('进展 4.3#1 12', { userId: 'u2' });
    expect((await c.say('edit 1 15')).kind).toBe('refused');
    await c.say('进展 1.1 走访企业200家');
    expect((await c.say('修改 2 5')).plain).toContain('没有数值，不能修改');
    expect((await c.say('修改 15')).plain).toContain('修改 17 15');
  });

  it.each([
    ['修改 99999999999999999999 5', '修改 99999999999999999999 5'],
    ['修改 <400 nines> 5', `修改 ${'9'.repeat(400)} 5`],
    ['撤销 <400 nines>', `撤销 ${'9'.repeat(400)}`],
  ])('answers %s with how to write a record number, not a number no record can have', async (_written, text) => {
    const c = await testCore();
    await c.say('进展 4.3#1 12');
    const r = await c.say(text);
    expect(r.kind).toBe('invalid');
    expect(r.plain).toMatch(/例如：(修改 17 15|撤销 17)/);
    expect(r.plain).not.toMatch(/Infinity|#1\d{5,}/);
    expect(await c.store.progress.count()).toBe(1);
  });

  it.each(['撤回 1', '删除 #1', 'delete 1'])('reads %s as undo', async (text) => {
    const c = await testCore();
    await c.say('进展 4.3#1 12');
    expect((await c.say(text)).kind).toBe('recorded');
    expect((await c.store.progress.get(1))?.undone).toBe(true);
  });
});

describe('exactly once', () => {
  it('gives the same reply to a replayed message id and records once', async () => {
    const c = await testCore();
    const first = await c.say('进展 4.3#1 +3', { messageId: 'same' });
    const again = await c.say('进展 4.3#1 +3', { messageId: 'same' });
    expect(again).toEqual({ ...first, replay: true });
    expect(await c.store.progress.count()).toBe(1);
    expect((await c.store.progress.latestForItem('cixi-2015', '4.3')).get('4.3#1')?.value).toBe(3);
  });

  it('records two different messages with the same text twice', async () => {
    const c = await testCore();
    await c.say('进展 4.3#1 +3', { messageId: 'a' });
    await c.say('进展 4.3#1 +3', { messageId: 'b' });
    expect((await c.store.progress.latestForItem('cixi-2015', '4.3')).get('4.3#1')?.value).toBe(6);
  });
});

describe('values to confirm', () => {
  it('asks before recording a value far off its target’s scale, and records the likely reading on 是', async () => {
    const c = await testCore();
    const ask = await c.say('进展 8.3 1.8');
    expect(ask.plain).toContain('是 1.8万个 吗？回复“是”记录 1.8万个');
    expect(await c.store.progress.count()).toBe(0);
    const yes = await c.say('是');
    expect(yes.kind).toBe('recorded');
    expect((await c.store.progress.latestForItem('cixi-2015', '8.3')).get('8.3#1')?.value).toBe(18000);
  });

  it('reads 62 against 百亿元 as 62亿元, once confirmed in English', async () => {
    const c = await testCore();
    expect((await c.say('progress 2.1#2 62')).plain).toContain('Did you mean 62亿元?');
    expect((await c.say('yes')).kind).toBe('recorded');
    expect((await c.store.progress.latestForItem('cixi-2015', '2.1')).get('2.1#2')?.value).toBe(6200000000);
  });

  it('asks before a drop below the previous value', async () => {
    const c = await testCore();
    await c.say('进展 4.3#1 12');
    expect((await c.say('进展 4.3#1 10')).plain).toContain('比上次（12个）少');
    expect((await c.say('确认')).kind).toBe('recorded');
    expect((await c.store.progress.latestForItem('cixi-2015', '4.3')).get('4.3#1')?.value).toBe(10);
  });

  it('takes a confirmation only from the same person, in the same place, within ten minutes', async () => {
    const c = await testCore();
    await c.say('进展 8.3 1.8');
    expect((await c.say('是', { userId: 'u2' })).plain).toContain('没有等您确认的进展');
    expect((await c.say('是', { channelId: 'C2' })).plain).toContain('没有等您确认的进展');
    c.clock.now = new Date(c.clock.now.getTime() + 11 * 60 * 1000);
    expect((await c.say('是')).plain).toContain('没有等您确认的进展');
    expect(await c.store.progress.count()).toBe(0);
  });
});

describe('as-of dates', () => {
  it('dates a record by 截至…, and status and history go by that date', async () => {
    const c = await testCore({}, '2015-07-03T02:00:00Z');
    await c.say('进展 4.3#1 截至6月底 10');
    const late = await c.say('进展 4.3#1 截至5月31日 8');
    expect(late.plain).toContain('（截至 2015-05-31）');
    const rec = (await c.store.progress.history('cixi-2015', '4.3'))[0]!;
    expect(rec).toMatchObject({ value: 10, asOf: '2015-06-30T15:59:59.999Z' });
    expect((await c.store.progress.latestForItem('cixi-2015', '4.3')).get('4.3#1')?.value).toBe(10);
  });

  it.each([
    ['进展 4.3#1 截至2月30日 8', '没有 2015-02-30 这一天'],
    ['进展 4.3#1 截至12月底 8', '还没到'],
  ])('refuses %s', async (text, message) => {
    const c = await testCore({}, '2015-07-03T02:00:00Z');
    expect((await c.say(text)).plain).toContain(message);
    expect(await c.store.progress.count()).toBe(0);
  });
});
