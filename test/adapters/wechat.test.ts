import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { platformSettings } from '../../src/adapters/registry.js';
import { createWechatAdapter, type WechatAdapter } from '../../src/adapters/wechat/bot.js';
import { wechat as wechatPlatform } from '../../src/adapters/wechat/platform.js';
import type { Channel, Reply } from '../../src/chat/types.js';
import { DigestScheduler } from '../../src/digest/schedule.js';
import { localDate } from '../../src/time.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { until } from '../fakes/wait.js';
import { quietness } from '../fakes/wechat.js';

const DAILY = { cron: '0 9 * * *', tz: 'Asia/Shanghai', skipEmpty: false };
let core: TestCore;
let wechat: WechatAdapter;
let mocker: mock.Mocker;
let user: mock.ContactMock;
let mary: mock.ContactMock;
let mike: mock.ContactMock;
let eve: mock.ContactMock;
let room: mock.RoomMock;
/** An outsider's group named like the allowed one, with the bot's account added to it. */
let impostor: mock.RoomMock;
let other: mock.RoomMock;
/** What the bot sent: [conversation id, text]. */
/** Resolves once the bot has heard every message and is done with them. */
let quiet: () => Promise<void>;
let sent: [string, string][] = [];

beforeAll(async () => {
  core = await testCore({ DUBAN_ADMINS: 'wechat:wxid_mary,wechat:wxid_eve' }, new Date().toISOString());
  mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  user = mocker.createContact({ name: '督办' });
  mary = mocker.createContact({ id: 'wxid_mary', name: '玛丽' });
  mike = mocker.createContact({ id: 'wxid_mike', name: '迈克' });
  eve = mocker.createContact({ id: 'wxid_eve', name: '伊芙' });
  room = mocker.createRoom({ topic: '督办工作群', memberIdList: [user.id, mary.id, mike.id] });
  impostor = mocker.createRoom({ topic: '督办工作群', memberIdList: [user.id, eve.id] });
  other = mocker.createRoom({ topic: '闲聊群', memberIdList: [user.id, mary.id] });
  const settings = platformSettings(wechatPlatform, { WECHAT_ROOMS: room.id, WECHATY_PUPPET: 'wechaty-puppet-mock' });
  wechat = createWechatAdapter(
    core.port(() => {}),
    settings,
    { puppet, pacingMs: [0, 5] },
  );
  await wechat.start();
  quiet = quietness(puppet, wechat);
  mocker.login(user);
  wechat.wechaty.on('message', (m) => {
    if (m.self()) sent.push([m.room()?.id ?? m.listener()?.id ?? '', m.text()]);
  });
});
afterAll(async () => {
  await wechat.stop();
});
// Each test starts with the last one's replies all sent, so none of them is counted as this test's.
beforeEach(async () => {
  await quiet();
  sent = [];
});

describe('WeChat', () => {
  it('answers a group @mention, @-mentioning the asker, in plain text', async () => {
    mary.say('@督办 人才团队的引进目标是多少？', [user]).to(room);
    await until(() => sent.length >= 1);
    const [to, text] = sent[0]!;
    expect(to).toBe(room.id);
    expect(text).toContain('玛丽');
    expect(text).toContain('4.3 提升人才支撑水平');
    expect(text).toContain('争取引进领军人才及团队25个以上');
    expect(text).not.toContain('**');
  });

  it('takes a # progress command in a group without a mention', async () => {
    mike.say('#进展 4.3 已引进领军人才及团队12个').to(room);
    await until(() => sent.length >= 1);
    expect(sent[0]![1]).toContain('12/25个，48%');
    expect((await core.store.progress.history('cixi-2015', '4.3'))[0]).toMatchObject({
      platform: 'wechat',
      userName: '迈克',
      channelId: room.id,
    });
  });

  it('answers any text in a private chat', async () => {
    mary.say('帮助').to(user);
    await until(() => sent.length >= 1);
    expect(sent[0]![0]).toBe(mary.id);
    expect(sent[0]![1]).toContain('督办 · 用法');
  });

  it('stays silent in a group that is not on the list, and on plain group chatter', async () => {
    mary.say('@督办 状态', [user]).to(other);
    mary.say('#状态').to(other);
    mary.say('大家早上好').to(room);
    await quiet();
    expect(sent).toEqual([]);
  });

  it('stays out of an outsider’s group named like the allowed one: nothing answered, recorded or sent there', async () => {
    eve.say('#进展 4.3#1 99').to(impostor);
    eve.say('@督办 看板', [user]).to(impostor);
    await quiet();
    expect(sent).toEqual([]);
    expect((await core.store.progress.history('cixi-2015', '4.3')).some((r) => r.value === 99)).toBe(false);
    mary.say('@督办 订阅', [user]).to(room);
    await until(() => sent.length >= 1);
    sent = [];
    const senders = { wechat: (c: Channel, r: Reply) => wechat.send(c, r) };
    const digest = new DigestScheduler(core.digest, core.store.digest, senders, DAILY);
    const results = await digest.deliverAll(localDate(new Date(), DAILY.tz));
    expect([...results]).toEqual([[`wechat:${room.id}`, 'sent']]);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter(([to]) => to !== room.id)).toEqual([]);
  });

  it('ignores a replayed message id', async () => {
    mike.say('#进展 6.4 +3').to(room);
    await until(() => sent.length >= 1);
    const last = [...mocker.cacheMessagePayload.values()].filter((p) => p.text === '#进展 6.4 +3').at(-1)!;
    mocker.puppet.emit('message', { messageId: last.id });
    await quiet();
    expect(sent).toHaveLength(1);
    expect((await core.store.progress.latestForItem('cixi-2015', '6.4')).get('6.4#1')?.value).toBe(3);
  });

  it('ignores messages from before start-up', async () => {
    const old = mocker.MessageMock.create({
      id: 'old-1',
      talkerId: mary.id,
      roomId: room.id,
      text: '#状态',
      timestamp: Date.now() - 3600_000,
      type: 7,
      mentionIdList: [],
    } as never);
    mocker.puppet.emit('message', { messageId: old.id });
    await quiet();
    expect(sent).toEqual([]);
  });

  it('splits a long reply at sentence ends and sends the parts in order', async () => {
    mary.say('任务').to(user);
    await until(() => sent.length >= 2);
    await quiet();
    for (const [, text] of sent) expect(text.length).toBeLessThanOrEqual(1200);
    const all = sent.map(([, t]) => t).join('\n');
    expect(all.indexOf('1.1 促进企业稳定生产')).toBeLessThan(all.indexOf('8.6 促进文化体育事业蓬勃繁荣'));
  });

  it('sends the digest to a room by its id', async () => {
    await wechat.send(
      { platform: 'wechat', channelId: room.id },
      { kind: 'info', lang: 'zh', text: ['督办日报 · 测试'], bars: [], citations: [], hints: [], ephemeral: false },
    );
    await until(() => sent.length >= 1);
    expect(sent[0]).toEqual([room.id, '督办日报 · 测试']);
    await expect(
      wechat.send(
        { platform: 'wechat', channelId: '不存在的群' },
        { kind: 'info', lang: 'zh', text: ['x'], bars: [], citations: [], hints: [], ephemeral: false },
      ),
    ).rejects.toThrow('不存在的群');
  });

  it('lets an admin name an owner by @-mention, and reminds the owner in a direct message', async () => {
    core.senders.wechat = (channel, reply) => wechat.send(channel, reply);
    mary.say('@督办 负责 4.3 @迈克', [user, mike]).to(room);
    await until(() => sent.length >= 1);
    expect(sent[0]![1]).toContain('已指定 4.3 提升人才支撑水平 的负责人：迈克');
    expect(await core.store.owners.ofUser('wechat', 'wxid_mike')).toHaveLength(1);
    mary.say('@督办 提醒 4.3', [user]).to(room);
    await until(() => sent.some(([to]) => to === mike.id));
    const dm = sent.find(([to]) => to === mike.id)![1];
    expect(dm).toContain('督办提醒');
    expect(dm).toContain('4.3 提升人才支撑水平');
    expect(dm).toContain('回复：进展 4.3#1 数值');
  });
});
