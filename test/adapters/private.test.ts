/**
 * A reply meant for one person, asked for in a group, on the platforms that cannot show a message
 * to one member of a group: an admin's `看板` link goes to the admin's direct chat and the group
 * hears only "已私信您" — or a refusal when the direct chat cannot be reached. Never the link in the group.
 */
import { TOPIC_ROBOT } from 'dingtalk-stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { dingtalk as dingtalkPlatform } from '../../src/adapters/dingtalk/platform.js';
import { createDingtalkAdapter, type DingtalkAdapter } from '../../src/adapters/dingtalk/robot.js';
import { createFeishuAdapter, type FeishuAdapter } from '../../src/adapters/feishu/bot.js';
import { feishu as feishuPlatform } from '../../src/adapters/feishu/platform.js';
import { platformSettings } from '../../src/adapters/registry.js';
import { createWechatAdapter, type WechatAdapter } from '../../src/adapters/wechat/bot.js';
import { wechat as wechatPlatform } from '../../src/adapters/wechat/platform.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { FakeDingtalkApi } from '../fakes/dingtalk-api.js';
import { FeishuFakeApi, messageEvent } from '../fakes/feishu-api.js';
import { until } from '../fakes/wait.js';

/** The signed dashboard link `看板` gives an admin: it opens the dashboard for an hour. */
const LINK = /https:\/\/duban\.example\.gov\/\?t=/;

let core: TestCore;
beforeAll(async () => {
  core = await testCore(
    {
      DUBAN_ADMINS: 'dingtalk:admin1,feishu:ou_admin,wechat:wxid_boss,wechat:wxid_stranger',
      DUBAN_WEB_TOKEN: 'a-long-enough-secret-1234',
      DUBAN_WEB_URL: 'https://duban.example.gov',
    },
    new Date().toISOString(),
  );
});

describe('DingTalk', () => {
  const api = new FakeDingtalkApi();
  let robot: DingtalkAdapter;
  let frames = 0;
  /** A robot message down the Stream connection, as DingTalk's gateway pushes it. */
  function receive(data: ReturnType<FakeDingtalkApi['robotMessage']>) {
    const headers = { messageId: `frame-${++frames}`, time: String(Date.now()), topic: TOPIC_ROBOT };
    robot.client!.onDownStream(
      JSON.stringify({ specVersion: '1.0', type: 'CALLBACK', headers, data: JSON.stringify(data) }),
    );
  }
  const pushed = (i: number) => JSON.parse(api.pushes()[i]!.body.msgParam as string).text as string;
  const replied = (i: number) => (api.replies()[i]!.body.markdown as { text: string }).text;

  beforeAll(async () => {
    await api.start();
    const settings = platformSettings(dingtalkPlatform, {
      DINGTALK_CLIENT_ID: 'dingtestapp',
      DINGTALK_CLIENT_SECRET: 'dt-secret',
      DINGTALK_API_URL: api.url,
    });
    robot = createDingtalkAdapter(
      core.port(() => {}),
      settings,
      { minIntervalMs: 0 },
    );
  });
  afterAll(() => api.stop());
  beforeEach(() => {
    api.calls = [];
    api.unreachable.clear();
  });

  it('sends an admin’s dashboard link 1:1 and tells the group only that it did', async () => {
    receive(api.robotMessage('看板', { senderStaffId: 'admin1', senderNick: '管理员' }));
    await until(() => api.pushes().length === 1 && api.replies().length === 1);
    expect(api.pushes()[0]!.path).toBe('/v1.0/robot/oToMessages/batchSend');
    expect(api.pushes()[0]!.body.userIds).toEqual(['admin1']);
    expect(pushed(0)).toMatch(LINK);
    expect(replied(0)).toContain('已私信您');
    expect(replied(0)).not.toMatch(LINK);
    expect(api.replies()[0]!.body.at).toEqual({ atUserIds: ['admin1'], isAtAll: false });
  });

  it('refuses in the group, without the link, when the 1:1 message does not reach the admin', async () => {
    api.unreachable.add('admin1');
    receive(api.robotMessage('dashboard', { senderStaffId: 'admin1' }));
    await until(() => api.replies().length === 1);
    expect(replied(0)).toContain('could not be sent to you privately');
    expect(replied(0)).toContain('Write to me directly');
    expect(JSON.stringify(api.calls.filter((c) => c.path.startsWith('/robot/')))).not.toMatch(LINK);
  });

  it('refuses in the group when the sender has no staff id to write to 1:1', async () => {
    receive(api.robotMessage('我是谁', { senderStaffId: undefined, senderId: '$:LWCP_v1:$guest' }));
    await until(() => api.replies().length === 1);
    expect(replied(0)).toContain('私信没有发出去');
    expect(replied(0)).not.toContain('LWCP');
    expect(api.pushes()).toEqual([]);
  });

  it('answers a 1:1 chat there, with no note', async () => {
    receive(
      api.robotMessage('看板', {
        senderStaffId: 'admin1',
        conversationType: '1',
        conversationId: 'cidDm',
        atUsers: [],
      }),
    );
    await until(() => api.replies().length === 1);
    expect(replied(0)).toMatch(LINK);
    expect(replied(0)).not.toContain('已私信您');
    expect(api.pushes()).toEqual([]);
  });
});

describe('Feishu', () => {
  const api = new FeishuFakeApi();
  let bot: FeishuAdapter;
  const text = (call: { body: Record<string, unknown> }) => String(call.body.content);

  beforeAll(async () => {
    await api.start();
    const settings = platformSettings(feishuPlatform, {
      FEISHU_APP_ID: 'cli_0123456789abcdef',
      FEISHU_APP_SECRET: 'app-secret',
      FEISHU_DOMAIN: api.url,
    });
    bot = createFeishuAdapter(
      core.port(() => {}),
      settings,
      { minIntervalMs: 0 },
    );
  });
  afterAll(() => api.stop());
  beforeEach(() => {
    api.calls = [];
    api.unreachable.clear();
  });

  it('sends an admin’s dashboard link to their open_id and replies in the group that it did', async () => {
    const event = messageEvent('@_user_1 看板', { from: 'ou_admin' });
    await bot.dispatcher.invoke(event, { needCheck: false });
    await until(() => api.sends().length === 2);
    const [dm, note] = api.sends();
    expect(dm!.path).toBe('/open-apis/im/v1/messages');
    expect(dm!.query).toEqual({ receive_id_type: 'open_id' });
    expect(dm!.body.receive_id).toBe('ou_admin');
    expect(text(dm!)).toMatch(LINK);
    expect(note!.path).toBe(`/open-apis/im/v1/messages/${event.event.message.message_id}/reply`);
    expect(text(note!)).toContain('已私信您');
    expect(text(note!)).toContain('<at id=ou_admin></at>');
    expect(text(note!)).not.toMatch(LINK);
  });

  it('refuses in the group, without the link, when Feishu will not deliver to the admin', async () => {
    api.unreachable.add('ou_admin');
    await bot.dispatcher.invoke(messageEvent('@_user_1 看板', { from: 'ou_admin' }), { needCheck: false });
    await until(() => api.sends().length === 1);
    expect(api.sends()[0]!.path).toMatch(/\/reply$/);
    expect(text(api.sends()[0]!)).toContain('私信没有发出去');
    expect(text(api.sends()[0]!)).not.toMatch(LINK);
  });
});

describe('WeChat', () => {
  let wechat: WechatAdapter;
  let mocker: mock.Mocker;
  let user: mock.ContactMock;
  let boss: mock.ContactMock;
  let stranger: mock.ContactMock;
  let room: mock.RoomMock;
  /** What the bot sent: [conversation id, text]. */
  let sent: [string, string][] = [];

  beforeAll(async () => {
    mocker = new mock.Mocker();
    const puppet = new PuppetMock({ mocker });
    user = mocker.createContact({ name: '督办' });
    boss = mocker.createContact({ id: 'wxid_boss', name: '领导' });
    // In the group but not the account's friend: WeChat takes no private message to them.
    stranger = mocker.createContact({ id: 'wxid_stranger', name: '新同事', friend: false });
    room = mocker.createRoom({ topic: '督办工作群', memberIdList: [user.id, boss.id, stranger.id] });
    const settings = platformSettings(wechatPlatform, { WECHATY_PUPPET: 'wechaty-puppet-mock' });
    wechat = createWechatAdapter(
      core.port(() => {}),
      settings,
      { puppet, pacingMs: [0, 5] },
    );
    await wechat.start();
    mocker.login(user);
    wechat.wechaty.on('message', (m) => {
      if (m.self()) sent.push([m.room()?.id ?? m.listener()?.id ?? '', m.text()]);
    });
  });
  afterAll(() => wechat.stop());
  beforeEach(() => {
    sent = [];
  });

  it('sends an admin’s dashboard link to the contact and tells the group only that it did', async () => {
    boss.say('@督办 看板', [user]).to(room);
    await until(() => sent.length >= 2);
    const dm = sent.filter(([to]) => to === boss.id);
    const group = sent.filter(([to]) => to === room.id);
    expect(dm.map(([, t]) => t).join('\n')).toMatch(LINK);
    expect(group).toHaveLength(1);
    expect(group[0]![1]).toContain('已私信您');
    expect(group[0]![1]).not.toMatch(LINK);
  });

  it('refuses in the group, without the link, to someone who is not a friend of the account', async () => {
    stranger.say('#看板').to(room);
    await until(() => sent.length >= 1);
    expect(sent).toHaveLength(1);
    expect(sent[0]![0]).toBe(room.id);
    expect(sent[0]![1]).toContain('私信没有发出去');
    expect(sent[0]![1]).not.toMatch(LINK);
  });
});
