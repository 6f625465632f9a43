/** 督办: owners, what each owes, one reminder per owner and week, snoozes, and escalation in the digest. */
import { describe, expect, it, vi } from 'vitest';
import { openCore } from '../../src/bot/open.js';
import { renderText } from '../../src/chat/render.js';
import type { Channel, Reply } from '../../src/chat/types.js';
import { loadConfig } from '../../src/config.js';
import { isoWeek } from '../../src/followup/reminders.js';
import { RemindScheduler } from '../../src/followup/schedule.js';
import { type TestCore, testCore } from '../fakes/core.js';

const ADMIN = { userId: 'boss', userName: '督办科' };
const WANG = { userId: 'w', userName: '王强' };
const LI = { userId: 'li', userName: '李梅' };

/** Direct messages sent through the core's senders, as an adapter would send them. */
function inbox(c: TestCore) {
  const sent: { to: string; text: string }[] = [];
  c.senders.test = async (ch: Channel, r: Reply) => {
    sent.push({ to: ch.channelId, text: renderText(r) });
  };
  return sent;
}

/** Admin boss; 王强 owns 4.3 (talent teams, or one of its targets), 李梅 owns target 8.3#1 (jobs); 1 June 2015. */
async function office(wang = '4.3') {
  const c = await testCore({ DUBAN_ADMINS: 'test:boss' }, '2015-06-01T01:00:00Z');
  expect((await c.say(`负责 ${wang} test:w`, ADMIN)).plain).toContain(`已指定 ${wang} 提升人才支撑水平 的负责人`);
  await c.say('负责 8.3#1 test:li', ADMIN);
  return c;
}

describe('owners', () => {
  it('are assigned by admins, named by who-owns and status, and taken off again', async () => {
    const c = await office();
    expect((await c.say('负责 4.3 test:x', { userId: 'x' })).kind).toBe('refused');
    expect((await c.say('牵头单位 4.3 市人才办', ADMIN)).plain).toContain('4.3 提升人才支撑水平 的牵头单位：市人才办');
    const who = (await c.say('谁负责 4.3')).plain;
    expect(who).toContain('4.3 提升人才支撑水平 的负责人：test:w');
    expect(who).toContain('牵头单位：市人才办');
    expect((await c.say('状态 4.3')).plain).toContain('现在的负责人：test:w；牵头单位：市人才办');
    expect((await c.say('谁负责 8.3')).plain).toContain('test:li（8.3#1）');
    expect((await c.say('负责 4.3 取消 test:w', ADMIN)).plain).toContain('现在的负责人：未指定负责人');
    expect((await c.say('谁负责 4.3')).plain).toContain('管理员可以指定：负责 4.3 @某人');
    // Every change is in the audit log with who made it.
    const audit = await c.store.audit.recent(5);
    expect(audit.filter((a) => a.action === 'owner').map((a) => a.detail)).toContain('removed test:w 4.3');
  });

  it('are named by a WeChat @-mention, and an @name that is nobody in the group is refused with what to type', async () => {
    const c = await testCore({ DUBAN_ADMINS: 'wechat:boss' });
    const r = await c.say('负责 4.3', {
      platform: 'wechat',
      userId: 'boss',
      mentions: [{ userId: 'wxid_wang', name: '王强' }],
    });
    expect(r.plain).toContain('已指定 4.3 提升人才支撑水平 的负责人：王强');
    expect(await c.store.owners.ofUser('wechat', 'wxid_wang')).toHaveLength(1);
    const typo = await c.say('负责 4.3 @王墙', { platform: 'wechat', userId: 'boss' });
    expect(typo.kind).toBe('invalid');
    expect(typo.plain).toContain('找不到 @王墙');
    expect(await c.store.owners.all()).toHaveLength(1);
  });

  it('see their own items with their standing and the exact command to report each', async () => {
    const c = await office();
    const mine = (await c.say('我的', WANG)).plain;
    expect(mine).toContain('您负责的工作');
    expect(mine).toContain('• 4.3 提升人才支撑水平');
    expect(mine).toContain('回复：进展 4.3#1 数值');
    expect((await c.say('我的', { userId: 'nobody' })).plain).toContain('您还没有负责的工作');
    // "remind me…" and "我的就业目标…" stay questions.
    expect((await c.say('我的就业目标完成得怎么样')).kind).not.toBe('refused');
    expect((await c.say('remind me what the talent target is')).kind).not.toBe('refused');
  });
});

describe('reminders over a month', () => {
  it('remind each owner once a week, honour a snooze, and escalate what stays stale to the digest', async () => {
    const c = await office('4.3#1');
    const sent = inbox(c);
    const monday = (day: string) => new Date(`${day}T01:00:00Z`); // 09:00 in Shanghai
    // Week 23 (1 June): both items are stale (nothing since the plan began) — each owner once.
    c.clock.now = monday('2015-06-01');
    const first = await c.followUp.remindAll();
    expect(first.map((r) => r.result)).toEqual(['sent', 'sent']);
    expect(sent.map((s) => s.to).sort()).toEqual(['li', 'w']);
    const toWang = sent.find((s) => s.to === 'w')!.text;
    expect(toWang).toContain('督办提醒 · 2015-06-01');
    expect(toWang).toContain('4.3 提升人才支撑水平');
    expect(toWang).toContain('回复：进展 4.3#1 数值');
    expect(toWang).not.toContain('8.3');
    // A retry the same week (a restart, a second tick) sends nothing again.
    c.clock.now = new Date('2015-06-03T01:00:00Z');
    expect((await c.followUp.remindAll()).map((r) => r.result)).toEqual(['already', 'already']);
    expect(sent).toHaveLength(2);
    // 王强 answers right in the direct message; 李梅 snoozes her item for 10 days.
    c.clock.now = new Date('2015-06-02T02:00:00Z');
    expect((await c.say('进展 4.3#1 10', { ...WANG, channelId: 'w', isDirect: true })).kind).toBe('recorded');
    expect((await c.say('稍后提醒 8.3 10天', LI)).plain).toContain('8.3 的提醒暂缓到 2015-06-12');
    expect((await c.say('稍后提醒 8.3 3天', { userId: 'x' })).kind).toBe('refused');
    // Week 24: 王强 is up to date (but behind the pace: 10/25 at 42% of the year is 40%, not behind); 李梅 snoozed.
    c.clock.now = monday('2015-06-08');
    expect(await c.followUp.remindAll()).toEqual([]);
    // Week 25: the snooze is over and 8.3 is still stale: 李梅 again; the digest lists 8.3 for follow-up.
    c.clock.now = monday('2015-06-15');
    const third = await c.followUp.remindAll();
    expect(third.map((r) => [r.due.person.userId, r.result])).toEqual([['li', 'sent']]);
    const digest = renderText((await c.digest.compose('2015-06-15')).replies[0]!);
    expect(digest).toContain('提醒后仍未更新（1项');
    expect(digest).toMatch(/• 8\.3 [^\n]+ — 从未更新 — 负责：test:li/);
    expect(digest).not.toMatch(/提醒后仍未更新[\s\S]*4\.3 提升人才/);
    // Week 27 (29 June): 李梅 reported in week 26, so nothing is escalated any more.
    c.clock.now = new Date('2015-06-22T03:00:00Z');
    await c.say('进展 8.3 新增就业岗位1万个', LI);
    c.clock.now = monday('2015-06-29');
    expect(renderText((await c.digest.compose('2015-06-29')).replies[0]!)).not.toContain('提醒后仍未更新');
    // Four weeks, one reminder an owner a week at most: 王强 once, 李梅 twice.
    expect(sent.filter((s) => s.to === 'w')).toHaveLength(1);
    expect(sent.filter((s) => s.to === 'li')).toHaveLength(2);
  });

  it('send nothing twice after a restart in the same week', async () => {
    const c = await office();
    const sent = inbox(c);
    expect((await c.followUp.remindAll()).filter((r) => r.result === 'sent')).toHaveLength(2);
    await c.close();
    // The same data folder opened again (a restart), the same week.
    const dataDir = c.port(() => {}).dataDir;
    const again = await openCore(loadConfig({ DUBAN_DATA_DIR: dataDir, DUBAN_ADMINS: 'test:boss' }), {
      now: () => new Date('2015-06-04T01:00:00Z'),
    });
    again.senders.test = c.senders.test!;
    expect((await again.followUp.remindAll()).map((r) => r.result)).toEqual(['already', 'already']);
    expect(sent).toHaveLength(2);
    await again.close();
  });

  it('are retried when sending fails, and a failed one is sent on the next run', async () => {
    const c = await office();
    let down = true;
    const sent: string[] = [];
    c.senders.test = async (ch) => {
      if (down) throw new Error('network down');
      sent.push(ch.channelId);
    };
    const failed = await c.followUp.remindAll(undefined, { attempts: 2, sleep: async () => {} });
    expect(failed.map((r) => r.result)).toEqual(['failed', 'failed']);
    down = false;
    expect((await c.followUp.remindAll()).map((r) => r.result)).toEqual(['sent', 'sent']);
    expect(sent.sort()).toEqual(['li', 'w']);
  });

  it('go out from the schedule, and after a restart past Monday 09:00 what was missed that week is sent', async () => {
    const c = await office();
    const sent = inbox(c);
    c.clock.now = new Date('2015-06-02T05:00:00Z'); // Tuesday
    const s = new RemindScheduler(c.followUp, { cron: '0 9 * * 1', tz: 'Asia/Shanghai', now: () => c.clock.now });
    expect(s.lastDue(c.clock.now)?.toISOString()).toBe('2015-06-01T01:00:00.000Z');
    await s.start();
    s.stop();
    expect(sent).toHaveLength(2);
    // Sunday of the next week, before its Monday: nothing due in that week yet.
    expect(s.lastDue(new Date('2015-06-07T05:00:00Z'))).toBeDefined();
    expect(s.lastDue(new Date('2015-06-08T00:30:00Z'))).toBeUndefined();
  });

  it('claimed by a leader killed mid-send still go out, once, when the claim counts as abandoned', async () => {
    const c = await office();
    const sent = inbox(c);
    // The leader claimed 王强's reminder at Monday 09:00 and died before sending it.
    const period = c.followUp.period(c.clock.now);
    expect(await c.store.reminders.claim({ platform: 'test', userId: 'w' }, period)).toBe(true);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      // The process that takes over a minute later reminds 李梅, finds 王强's claim held, and looks again.
      c.clock.now = new Date('2015-06-01T01:01:00Z');
      const s = new RemindScheduler(c.followUp, { cron: '0 9 * * 1', tz: 'Asia/Shanghai', now: () => c.clock.now });
      await s.start();
      expect(sent.map((m) => m.to)).toEqual(['li']);
      c.clock.now = new Date('2015-06-01T01:11:30Z');
      await vi.advanceTimersByTimeAsync(10 * 60 * 1000 + 1000);
      // Nothing more to look at: a later look would find both sent.
      await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
      s.stop();
    } finally {
      vi.useRealTimers();
    }
    expect(sent.map((m) => m.to).sort()).toEqual(['li', 'w']);
  });

  it('by an admin now: the item’s owners at once, once a day', async () => {
    const c = await office();
    const sent = inbox(c);
    expect((await c.say('提醒 4.3', ADMIN)).plain).toContain('已提醒 4.3 的负责人：test:w（已发送）');
    expect((await c.say('提醒 4.3', ADMIN)).plain).toContain('今天已提醒过');
    expect((await c.say('提醒 4.4', ADMIN)).plain).toContain('4.4 还没有负责人');
    expect((await c.say('提醒 4.3', WANG)).kind).toBe('refused');
    expect(sent).toHaveLength(1);
  });
});

describe('periods', () => {
  it('are ISO weeks', () => {
    expect(isoWeek('2015-06-01')).toBe('2015-W23');
    expect(isoWeek('2015-06-07')).toBe('2015-W23');
    expect(isoWeek('2016-01-01')).toBe('2015-W53');
    expect(isoWeek('2018-12-31')).toBe('2019-W01');
  });
});
