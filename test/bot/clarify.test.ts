/** Asking back: a question in doubt between items gets numbered choices, and the asker's number answers it. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type TestCore, testCore } from '../fakes/core.js';

/** Plausible passages, unsure which item: 3.3 (养老服务业) or 8.3 (社会保障). */
const ZH = '各位 养老这块今年报告里到底说了啥，老龄办催了';
/** A misspelt export question: 1.3 (exports), 1.2 (investment) and section 4. */
const EN = 'what about exprot growth this year';

let c: TestCore;
beforeEach(async () => {
  c = await testCore();
});
afterEach(async () => {
  await c.close();
});

describe('asking back', () => {
  it('offers the likely items, numbered, in Chinese, and 2 from the asker answers the second', async () => {
    const asked = await c.say(ZH);
    expect(asked.plain).toContain('请回复编号');
    expect(asked.plain).toMatch(/1\. 3\.3 .+ — /);
    expect(asked.plain).toMatch(/2\. 8\.3 /);
    expect(asked.choices?.map((x) => x.send)).toEqual(['1', '2']);
    expect(asked.choices?.[0]?.label).toMatch(/^1\. 3\.3 /);

    const picked = await c.say('2');
    expect(picked.kind).toBe('answer');
    expect(picked.citations[0]?.id).toBe('8.3');
    // The item's words about what was asked, not its first sentence.
    expect(picked.plain).toContain('养老服务');
    expect(picked.plain).not.toContain('请回复编号');
  });

  it('reads 第二个 and 二 as the second choice', async () => {
    await c.say(ZH);
    expect((await c.say('第二个')).citations[0]?.id).toBe('8.3');
    await c.say(ZH);
    expect((await c.say('二')).citations[0]?.id).toBe('8.3');
    await c.say(ZH);
    expect((await c.say('1')).citations[0]?.id).toBe('3.3');
  });

  it('offers choices in English, and "the second one" answers it in English', async () => {
    const asked = await c.say(EN);
    expect(asked.lang).toBe('en');
    expect(asked.plain).toContain('Reply with its number');
    expect(asked.plain).toMatch(/1\. 1\.3 /);
    const picked = await c.say('the second one');
    expect(picked.lang).toBe('en');
    expect(picked.citations[0]?.id).toBe('1.2');
    expect(picked.plain).toContain('Item 1.2');
  });

  it('takes the number only from the asker, in the same place: from anyone else it is an ordinary message', async () => {
    const ordinary = (await c.say('1', { userId: 'u9' })).plain;
    await c.say(ZH);
    expect((await c.say('1', { userId: 'u2' })).plain).toBe(ordinary);
    expect((await c.say('1', { channelId: 'C2' })).plain).toBe(ordinary);
    // The asker's own choice is still waiting.
    expect((await c.say('1')).citations[0]?.id).toBe('3.3');
  });

  it('reads a number ten minutes later as an ordinary message', async () => {
    const ordinary = (await c.say('1', { userId: 'u9' })).plain;
    await c.say(ZH);
    c.clock.now = new Date(c.clock.now.getTime() + 10 * 60 * 1000 + 1000);
    const late = await c.say('1');
    expect(late.plain).toBe(ordinary);
    expect(late.citations[0]?.id).not.toBe('3.3');
  });

  it('answers a number once: the choice is gone after it is picked', async () => {
    const ordinary = (await c.say('1', { userId: 'u9' })).plain;
    await c.say(ZH);
    expect((await c.say('1')).citations[0]?.id).toBe('3.3');
    expect((await c.say('1')).plain).toBe(ordinary);
  });

  it('says which numbers there are when one past the choices is sent, and keeps the choice waiting', async () => {
    await c.say(ZH);
    const slip = await c.say('3');
    expect(slip.kind).toBe('invalid');
    expect(slip.plain).toContain('只有2个选项，请回复 1–2 中的编号');
    expect((await c.say('2')).citations[0]?.id).toBe('8.3');
  });

  it('reads a number as an ordinary message when what waits is not a choice it can read', async () => {
    const ordinary = (await c.say('1', { userId: 'u9' })).plain;
    await c.store.pending.put({ platform: 'test', channelId: 'C1', userId: 'u1', kind: 'choice' }, '{"v":1}');
    expect((await c.say('1')).plain).toBe(ordinary);
  });

  it('keeps a value waiting for 是 while a question is asked back in between', async () => {
    expect((await c.say('进展 8.3 1.8')).plain).toContain('是 1.8万个 吗？');
    await c.say(ZH);
    expect((await c.say('1')).citations[0]?.id).toBe('3.3');
    expect((await c.say('是')).kind).toBe('recorded');
    expect((await c.store.progress.latestForItem('cixi-2015', '8.3')).get('8.3#1')?.value).toBe(18000);
  });
});
