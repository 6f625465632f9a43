import { describe, expect, it, vi } from 'vitest';
import { renderText } from '../../src/chat/render.js';
import type { Channel, Reply } from '../../src/chat/types.js';
import { DigestScheduler, type Sender } from '../../src/digest/schedule.js';
import { testCore } from '../fakes/core.js';

/** 2015-06-02 09:00 in Shanghai is 01:00 UTC. */
const NINE_SHANGHAI = '2015-06-02T01:00:00Z';

function recorder() {
  const sent: { channel: string; text: string }[] = [];
  const sender: Sender = async (c: Channel, r: Reply) => {
    sent.push({ channel: `${c.platform}:${c.channelId}`, text: renderText(r) });
  };
  return { sent, sender };
}

async function seeded() {
  const c = await testCore({ DUBAN_DIGEST_CHANNELS: 'slack:C1' }, '2015-05-20T02:00:00Z');
  await c.say('进展 4.3#1 10', { userName: '张三' });
  c.clock.now = new Date('2015-06-01T06:00:00Z');
  await c.say('进展 4.3#1 12', { userName: '张三' });
  await c.say('进展 8.3 新增就业岗位1.2万个', { userName: '李四' });
  await c.say('完成 5.2#2', { userName: '王五' });
  await c.say('进展 1.1 走访企业200家', { userName: '王五' });
  c.clock.now = new Date(NINE_SHANGHAI);
  return c;
}

describe('digest content', () => {
  it('shows a target updated many times once, at its latest value, and counts every update', async () => {
    const c = await testCore({ DUBAN_DIGEST_CHANNELS: 'slack:C1' }, '2015-05-31T02:00:00Z');
    await c.say('进展 4.3#1 3');
    c.clock.now = new Date('2015-06-01T20:00:00Z');
    for (const v of [4, 5, 6, 7, 8]) await c.say(`进展 4.3#1 ${v}`);
    c.clock.now = new Date(NINE_SHANGHAI);
    const text = (await c.digest.compose('2015-06-02')).replies.map((r) => renderText(r)).join('\n');
    expect(text).toContain('5条');
    expect(text.match(/4\.3#1 领军人才及团队/g)).toHaveLength(1);
    expect(text).toContain('3 → 8/25个');
  });

  it('shows where a target stood before the window however many updates the window holds', async () => {
    const c = await testCore({ DUBAN_DIGEST_CHANNELS: 'slack:C1' }, '2015-05-31T02:00:00Z');
    await c.say('进展 4.3#1 3');
    c.clock.now = new Date('2015-06-01T02:00:00Z');
    for (let i = 0; i < 1100; i++) await c.say(`进展 4.3#1 ${4 + (i % 5)}`, { messageId: `m${i}` });
    c.clock.now = new Date(NINE_SHANGHAI);
    const text = (await c.digest.compose('2015-06-02')).replies.map((r) => renderText(r)).join('\n');
    expect(text).toContain('3 → 8/25个');
  });

  it('shows no earlier value for an update dated back before the window', async () => {
    const c = await testCore({ DUBAN_DIGEST_CHANNELS: 'slack:C1' }, '2015-05-20T02:00:00Z');
    await c.say('进展 4.3#1 3');
    c.clock.now = new Date('2015-06-01T06:00:00Z');
    await c.say('进展 4.3#1 截至5月25日 5');
    c.clock.now = new Date(NINE_SHANGHAI);
    const text = (await c.digest.compose('2015-06-02')).replies.map((r) => renderText(r)).join('\n');
    expect(text).toContain('4.3#1 领军人才及团队 5/25个');
    expect(text).not.toContain('5 → 5');
  });

  it('lists what changed since the last digest in the report’s order, with old → new values and percents', async () => {
    const c = await seeded();
    const { replies, empty } = await c.digest.compose('2015-06-02');
    expect(empty).toBe(false);
    const text = renderText(replies[0]!);
    expect(text).toContain('督办日报 · 2015-06-02');
    expect(text).toContain('新进展（2015-06-01 09:00 以来，4条）');
    expect(text).toContain('• 张三：4.3#1 领军人才及团队 10 → 12/25个，48%');
    expect(text).toContain('• 李四：8.3#1 城乡就业岗位 1.2万/2.2万个，55%');
    expect(text).toContain('• 王五：5.2#2 建成投用公交IC卡系统 — 已完成');
    expect(text).toContain('• 王五：1.1 促进企业稳定生产 — 走访企业200家');
    expect(text.indexOf('4.3#1')).toBeLessThan(text.indexOf('5.2#2'));
    expect(text).not.toContain('→ 10/25');
  });

  it('fits on a phone: counts in one line, the few items that matter most with their owners', async () => {
    const c = await seeded();
    await c.store.owners.assign(
      { reportId: 'cixi-2015', itemId: '2.1', targetId: null, platform: 'test', userId: 'w', name: '王强' },
      { platform: 'test', userId: 'boss', userName: 'boss', channelId: '' },
    );
    const text = renderText((await c.digest.compose('2015-06-02')).replies[0]!);
    expect(text.split('\n').length).toBeLessThanOrEqual(25);
    expect(text).toContain('总体：目标达成 1/23 ｜ 落后于计划 10 ｜ 超过14天未更新 32项');
    expect(text).toContain('• 2.1#1 重点项目 100个 — 0%，按计划应达 42% — 负责：王强');
    expect(text).toContain('• 1.2 促进投资稳健增长 — 从未更新 — 未指定负责人');
    expect(text.match(/按计划应达/g)).toHaveLength(3);
    expect(text).not.toContain('4.3 提升人才支撑水平 —');
  });

  it('uses English punctuation in English', async () => {
    const c = await seeded();
    const text = renderText((await c.digest.compose('2015-06-02', undefined, 'en')).replies[0]!);
    expect(text).toContain('• 张三: 4.3#1 领军人才及团队 10 → 12/25个, 48%');
    expect(text).toContain('Overall: targets met 1/23 | behind the plan 10');
    expect(text.replace(/[\u3400-\u9fff]+/g, '')).not.toMatch(/[，：（）；]/);
  });

  it('after the plan period says what was not met at its end, not that everything is thousands of days stale', async () => {
    const c = await seeded();
    c.clock.now = new Date('2026-11-27T01:00:00Z');
    await c.say('进展 4.3#1 20', { userName: '张三' });
    c.clock.now = new Date('2026-11-27T02:00:00Z');
    const text = renderText((await c.digest.compose('2026-11-27')).replies[0]!);
    expect(text).toContain('计划期已于 2015-12-31 结束：目标达成 1/23，期末未完成 22个');
    expect(text).toContain('期末未完成（差距最大）');
    expect(text).not.toMatch(/天未更新|从未更新/);
    expect(text.split('\n').length).toBeLessThanOrEqual(25);
  });

  it('lists many updates up to ten, with the command that shows the rest', async () => {
    const c = await testCore({}, '2015-06-01T02:00:00Z');
    const items = ['1.1', '1.2', '1.3', '1.4', '2.4', '3.1', '3.3', '4.2', '4.4', '5.1', '5.3', '6.1'];
    for (const i of items) await c.say(`进展 ${i} 推进中`);
    c.clock.now = new Date(NINE_SHANGHAI);
    const text = renderText((await c.digest.compose('2015-06-02')).replies[0]!);
    expect(text).toContain('…另有2项更新，发“状态”查看全部');
    expect(text.split('\n').length).toBeLessThanOrEqual(25);
  });

  it('says a day with nothing new in one line', async () => {
    const c = await testCore({}, NINE_SHANGHAI);
    const { replies, empty } = await c.digest.compose('2015-06-02');
    expect(empty).toBe(true);
    expect(renderText(replies[0]!)).toBe('督办日报 · 2015-06-02：自 2015-06-01 09:00 以来没有新的进展。');
  });

  it('is printed on demand in chat without being marked sent', async () => {
    const c = await seeded();
    const r = await c.say('汇总');
    expect(r.plain).toContain('新进展');
    expect(await c.store.digest.delivery({ platform: 'slack', channelId: 'C1' }, '2015-06-02')).toBeUndefined();
  });
});

describe('subscriptions', () => {
  it('lets admins subscribe and unsubscribe a channel, and nobody else', async () => {
    const c = await testCore({ DUBAN_ADMINS: 'test:boss' });
    expect((await c.say('订阅', { userId: 'u1', channelId: 'G1' })).kind).toBe('refused');
    expect((await c.say('订阅', { userId: 'boss', channelId: 'G1' })).plain).toContain('已订阅');
    expect((await c.say('订阅', { userId: 'boss', channelId: 'G1' })).plain).toContain('已经订阅');
    expect(await c.digest.channels()).toEqual([{ platform: 'test', channelId: 'G1' }]);
    expect((await c.say('取消订阅', { userId: 'boss', channelId: 'G1' })).plain).toContain('已取消订阅');
    expect(await c.digest.channels()).toEqual([]);
  });
});

describe('delivery', () => {
  it('runs at 09:00 Shanghai time, which is 01:00 UTC', async () => {
    const c = await testCore();
    const s = new DigestScheduler(
      c.digest,
      c.store.digest,
      {},
      { cron: '0 9 * * *', tz: 'Asia/Shanghai', skipEmpty: false },
    );
    expect(s.scheduledTime('2015-06-02')?.toISOString()).toBe('2015-06-02T01:00:00.000Z');
    const utc = new DigestScheduler(c.digest, c.store.digest, {}, { cron: '0 9 * * *', tz: 'UTC', skipEmpty: false });
    expect(utc.scheduledTime('2015-06-02')?.toISOString()).toBe('2015-06-02T09:00:00.000Z');
  });

  it('sends each channel one digest a day, even after a restart', async () => {
    const c = await seeded();
    const { sent, sender } = recorder();
    const first = new DigestScheduler(
      c.digest,
      c.store.digest,
      { slack: sender },
      { cron: '0 9 * * *', tz: 'Asia/Shanghai', skipEmpty: false, now: () => c.clock.now },
    );
    expect(await first.catchUp()).toEqual(new Map([['slack:C1', 'sent']]));
    expect(await first.deliverAll('2015-06-02')).toEqual(new Map([['slack:C1', 'already']]));

    c.clock.now = new Date('2015-06-02T05:00:00Z');
    const afterRestart = new DigestScheduler(
      c.digest,
      c.store.digest,
      { slack: sender },
      { cron: '0 9 * * *', tz: 'Asia/Shanghai', skipEmpty: false, now: () => c.clock.now },
    );
    expect(await afterRestart.catchUp()).toEqual(new Map([['slack:C1', 'already']]));
    expect(sent).toHaveLength(1);
    expect(await c.store.digest.delivery({ platform: 'slack', channelId: 'C1' }, '2015-06-02')).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
  });

  it('sends what was missed after a restart past the time, and nothing before it', async () => {
    const c = await seeded();
    const { sent, sender } = recorder();
    const at = (iso: string) =>
      new DigestScheduler(
        c.digest,
        c.store.digest,
        { slack: sender },
        { cron: '0 9 * * *', tz: 'Asia/Shanghai', skipEmpty: false, now: () => new Date(iso) },
      );
    expect(await at('2015-06-02T00:30:00Z').catchUp()).toEqual(new Map());
    expect(sent).toHaveLength(0);
    expect(await at('2015-06-02T03:15:00Z').catchUp()).toEqual(new Map([['slack:C1', 'sent']]));
    expect(await at('2015-06-02T04:00:00Z').catchUp()).toEqual(new Map([['slack:C1', 'already']]));
    expect(sent).toHaveLength(1);
  });

  it('starts the next digest where the last one stopped', async () => {
    const c = await seeded();
    const { sent, sender } = recorder();
    const s = new DigestScheduler(
      c.digest,
      c.store.digest,
      { slack: sender },
      { cron: '0 9 * * *', tz: 'Asia/Shanghai', skipEmpty: false, now: () => c.clock.now },
    );
    await s.catchUp();
    c.clock.now = new Date('2015-06-02T08:00:00Z');
    await c.say('进展 4.3#1 13', { userName: '张三' });
    c.clock.now = new Date('2015-06-03T01:00:00Z');
    await s.catchUp();
    expect(sent[1]!.text).toContain('新进展（2015-06-02 09:00 以来，1条）');
    expect(sent[1]!.text).toContain('12 → 13/25个');
  });

  it('retries a failing channel with backoff without holding up the others', async () => {
    const c = await testCore({ DUBAN_DIGEST_CHANNELS: 'slack:C1,wechat:项目群,console:log' }, NINE_SHANGHAI);
    const { sent, sender } = recorder();
    let slackCalls = 0;
    const waits: number[] = [];
    const log: string[] = [];
    const s = new DigestScheduler(
      c.digest,
      c.store.digest,
      {
        slack: async (ch, r) => {
          if (++slackCalls < 3) throw new Error('rate limited');
          await sender(ch, r);
        },
        wechat: async () => {
          throw new Error('puppet offline');
        },
        console: sender,
      },
      {
        cron: '0 9 * * *',
        tz: 'Asia/Shanghai',
        skipEmpty: false,
        now: () => c.clock.now,
        attempts: 4,
        backoffMs: 100,
        sleep: async (ms) => void waits.push(ms),
        log: (l) => log.push(l),
      },
    );
    const results = await s.catchUp();
    expect(results).toEqual(
      new Map([
        ['slack:C1', 'sent'],
        ['wechat:项目群', 'failed'],
        ['console:log', 'sent'],
      ]),
    );
    expect(sent.map((x) => x.channel).sort()).toEqual(['console:log', 'slack:C1']);
    expect(waits.filter((w) => w === 100).length).toBe(2);
    expect(waits).toContain(400);
    expect(log.some((l) => l.includes('wechat:项目群 failed (attempt 4/4): puppet offline'))).toBe(true);
    expect(await c.store.digest.delivery({ platform: 'wechat', channelId: '项目群' }, '2015-06-02')).toMatchObject({
      status: 'failed',
      lastError: 'puppet offline',
    });
    // a later run (the next restart) tries the failed channel again
    const again = await s.deliverAll('2015-06-02');
    expect(again.get('wechat:项目群')).toBe('failed');
    expect(again.get('slack:C1')).toBe('already');
  });

  it('skips an empty day when configured to', async () => {
    const c = await testCore({ DUBAN_DIGEST_CHANNELS: 'slack:C1' }, NINE_SHANGHAI);
    const { sent, sender } = recorder();
    const s = new DigestScheduler(
      c.digest,
      c.store.digest,
      { slack: sender },
      { cron: '0 9 * * *', tz: 'Asia/Shanghai', skipEmpty: true, now: () => c.clock.now },
    );
    expect(await s.catchUp()).toEqual(new Map([['slack:C1', 'skipped-empty']]));
    expect(sent).toEqual([]);
  });

  it('fires from the cron schedule itself, once a day however often the schedule ticks', async () => {
    const c = await seeded();
    const { sent, sender } = recorder();
    // Every second of 09:00–09:00:59 in Shanghai; started a little before, nothing is due yet.
    const s = new DigestScheduler(
      c.digest,
      c.store.digest,
      { slack: sender },
      { cron: '* 0 9 * * *', tz: 'Asia/Shanghai', skipEmpty: false, now: () => new Date() },
    );
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      vi.setSystemTime(new Date('2015-06-02T00:59:58Z'));
      await s.start();
      expect(sent).toHaveLength(0);
      c.clock.now = new Date(NINE_SHANGHAI);
      await vi.advanceTimersByTimeAsync(5000); // the schedule ticks at 09:00:00, :01, :02
      s.stop();
    } finally {
      vi.useRealTimers();
    }
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain('督办日报 · 2015-06-02');
  });
});

describe('a leader killed mid-send', () => {
  it('leaves a claim that the next process takes once it is abandoned, and the day’s digest goes out once', async () => {
    const c = await seeded();
    const { sent, sender } = recorder();
    // The leader claimed the day's digest at 09:00 and died before sending it.
    c.clock.now = new Date(NINE_SHANGHAI);
    expect(await c.store.digest.claim({ platform: 'slack', channelId: 'C1' }, '2015-06-02')).toBe(true);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      // The process that takes over at 09:01 finds the claim held, and looks again when it counts as abandoned.
      c.clock.now = new Date('2015-06-02T01:01:00Z');
      const s = new DigestScheduler(
        c.digest,
        c.store.digest,
        { slack: sender },
        { cron: '0 9 * * *', tz: 'Asia/Shanghai', skipEmpty: false, now: () => c.clock.now },
      );
      await s.start();
      expect(sent).toHaveLength(0);
      c.clock.now = new Date('2015-06-02T01:10:30Z');
      await vi.advanceTimersByTimeAsync(10 * 60 * 1000);
      s.stop();
    } finally {
      vi.useRealTimers();
    }
    expect(sent).toHaveLength(1);
    expect((await c.store.digest.delivery({ platform: 'slack', channelId: 'C1' }, '2015-06-02'))?.status).toBe('sent');
  });
});

describe('a digest of a past day', () => {
  it('shows the standing as it was that day, not as it is now', async () => {
    const c = await seeded();
    c.clock.now = new Date('2015-07-01T02:00:00Z');
    await c.say('进展 4.3#1 25', { userName: '张三' });
    const past = renderText((await c.digest.compose('2015-06-01')).replies[0]!);
    expect(past).toContain('目标达成 1/23');
    c.clock.now = new Date('2015-07-01T03:00:00Z');
    const now = renderText((await c.digest.compose('2015-07-01')).replies[0]!);
    expect(now).toContain('目标达成 2/23');
  });
});
