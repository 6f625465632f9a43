/**
 * WECHAT_ROOMS by name, the convenience: a name is resolved to its group's id at login, and a name
 * two groups share — the real one and an outsider's copy — lets neither in, and says which ids to
 * choose from. Digests to a name go to the id it resolved to, never to whichever group has it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { platformSettings } from '../../src/adapters/registry.js';
import { createWechatAdapter, type WechatAdapter } from '../../src/adapters/wechat/bot.js';
import { wechat as wechatPlatform } from '../../src/adapters/wechat/platform.js';
import { reply } from '../../src/chat/types.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { until } from '../fakes/wait.js';
import { quietness } from '../fakes/wechat.js';

let core: TestCore;
let wechat: WechatAdapter;
let mocker: mock.Mocker;
let user: mock.ContactMock;
let mary: mock.ContactMock;
let eve: mock.ContactMock;
let ours: mock.RoomMock;
let theirs: mock.RoomMock;
let project: mock.RoomMock;
const logs: string[] = [];
/** What the bot sent: [conversation id, text]. */
let sent: [string, string][] = [];
/** Resolves once the bot has heard every message and is done with them. */
let quiet: () => Promise<void>;

beforeAll(async () => {
  core = await testCore({ DUBAN_ADMINS: 'wechat:wxid_mary' }, new Date().toISOString());
  mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  user = mocker.createContact({ name: '督办' });
  mary = mocker.createContact({ id: 'wxid_mary', name: '玛丽' });
  eve = mocker.createContact({ id: 'wxid_eve', name: '伊芙' });
  ours = mocker.createRoom({ topic: '督办工作群', memberIdList: [user.id, mary.id] });
  theirs = mocker.createRoom({ topic: '督办工作群', memberIdList: [user.id, eve.id] });
  project = mocker.createRoom({ topic: '项目群', memberIdList: [user.id, mary.id] });
  const settings = platformSettings(wechatPlatform, {
    WECHAT_ROOMS: '督办工作群，项目群',
    WECHATY_PUPPET: 'wechaty-puppet-mock',
  });
  wechat = createWechatAdapter(
    core.port((line) => logs.push(line)),
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
afterAll(() => wechat.stop());
beforeEach(async () => {
  await quiet();
  sent = [];
});

const digest = reply({ kind: 'info', lang: 'zh', text: ['督办日报 · 测试'] });

describe('WECHAT_ROOMS by name', () => {
  it('refuses a name two groups share, logging both ids to choose from', async () => {
    await until(() => logs.some((l) => l.includes('"督办工作群"')), 5000, 'the log line about 督办工作群');
    const line = logs.find((l) => l.includes('"督办工作群"'))!;
    expect(line).toContain(ours.id);
    expect(line).toContain(theirs.id);
    expect(line).toContain('put the id of the right one in WECHAT_ROOMS');
    mary.say('#进展 4.3#1 11').to(ours);
    eve.say('#进展 4.3#1 99').to(theirs);
    await quiet();
    expect(sent).toEqual([]);
    expect(await core.store.progress.history('cixi-2015', '4.3')).toEqual([]);
    await expect(wechat.send({ platform: 'wechat', channelId: '督办工作群' }, digest)).rejects.toThrow('督办工作群');
    expect(sent).toEqual([]);
  });

  it('serves a name one group has, by that group’s id', async () => {
    mary.say('#进展 6.4 +2').to(project);
    await until(() => sent.length >= 1);
    expect(sent[0]![0]).toBe(project.id);
    expect((await core.store.progress.history('cixi-2015', '6.4'))[0]).toMatchObject({ channelId: project.id });
    sent = [];
    await wechat.send({ platform: 'wechat', channelId: '项目群' }, digest);
    await until(() => sent.length >= 1);
    expect(sent).toEqual([[project.id, '督办日报 · 测试']]);
  });
});
