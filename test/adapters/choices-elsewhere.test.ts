/**
 * Asking back on WeChat, DingTalk and Feishu: the choices come as numbered text (no buttons), and
 * the asker's number, sent as an ordinary message, answers from the item picked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { signOf } from '../../src/adapters/dingtalk/callback.js';
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
import { freePort, until } from '../fakes/wait.js';
import { quietness } from '../fakes/wechat.js';

/** A misspelt export question the bot is unsure about: 1.3, 1.2 or section 4. */
const QUESTION = 'what about exprot growth this year';

const dingApi = new FakeDingtalkApi();
const feishuApi = new FeishuFakeApi();
let core: TestCore;
let robot: DingtalkAdapter;
let feishu: FeishuAdapter;
let wechat: WechatAdapter;
let mocker: mock.Mocker;
/** Resolves once the WeChat adapter has heard every message and is done with them. */
let quiet: () => Promise<void>;
let dingUrl: string;
let feishuUrl: string;

beforeAll(async () => {
  await dingApi.start();
  await feishuApi.start();
  core = await testCore({ WECHAT_ROOMS: '督办工作群' }, new Date().toISOString());
  const [dingPort, feishuPort] = [await freePort(), await freePort()];
  robot = createDingtalkAdapter(
    core.port(() => {}),
    platformSettings(dingtalkPlatform, {
      DINGTALK_CLIENT_ID: 'dingtestapp',
      DINGTALK_CLIENT_SECRET: 'dt-secret',
      DINGTALK_MODE: 'http',
      DINGTALK_PORT: String(dingPort),
      DINGTALK_API_URL: dingApi.url,
    }),
    { minIntervalMs: 0 },
  );
  feishu = createFeishuAdapter(
    core.port(() => {}),
    platformSettings(feishuPlatform, {
      FEISHU_APP_ID: 'cli_0123456789abcdef',
      FEISHU_APP_SECRET: 'app-secret',
      FEISHU_DOMAIN: feishuApi.url,
      FEISHU_VERIFICATION_TOKEN: 'verify-token',
      FEISHU_MODE: 'http',
      FEISHU_PORT: String(feishuPort),
      // Plain events, as in feishu.test.ts; the signed ones are tested there.
      FEISHU_INSECURE_NO_ENCRYPT_KEY: '1',
    }),
    { minIntervalMs: 0 },
  );
  mocker = new mock.Mocker();
  const puppet = new PuppetMock({ mocker });
  wechat = createWechatAdapter(
    core.port(() => {}),
    platformSettings(wechatPlatform, { WECHAT_ROOMS: '督办工作群', WECHATY_PUPPET: 'wechaty-puppet-mock' }),
    { puppet, pacingMs: [0, 5] },
  );
  await robot.start();
  await feishu.start();
  await wechat.start();
  quiet = quietness(puppet, wechat);
  dingUrl = `http://127.0.0.1:${dingPort}/dingtalk/events`;
  feishuUrl = `http://127.0.0.1:${feishuPort}/feishu/events`;
});
afterAll(async () => {
  await robot.stop();
  await feishu.stop();
  await wechat.stop();
  await dingApi.stop();
  await feishuApi.stop();
  await core.close();
});

describe('asking back where there are no buttons', () => {
  it('WeChat: numbered choices in the group, and "@督办 2" from the asker answers item 1.2', async () => {
    const bot = mocker.createContact({ name: '督办' });
    const mary = mocker.createContact({ id: 'wxid_mary', name: '玛丽' });
    mocker.login(bot);
    const mike = mocker.createContact({ id: 'wxid_mike', name: '迈克' });
    const room = mocker.createRoom({ topic: '督办工作群', memberIdList: [bot.id, mary.id, mike.id] });
    const sent: string[] = [];
    wechat.wechaty.on('message', (m) => {
      if (m.self()) sent.push(m.text());
    });
    mike.say('2').to(room);
    await quiet();
    expect(sent).toEqual([]);
    mary.say(`@督办 ${QUESTION}`, [bot]).to(room);
    await until(() => sent.length >= 1);
    expect(sent[0]).toContain('Reply with its number');
    expect(sent[0]).toContain('2. 1.2 促进投资稳健增长');
    mary.say('@督办 2', [bot]).to(room);
    await until(() => sent.length >= 2);
    expect(sent[1]).toContain('Item 1.2');
    // On a phone the asker just types the number; from anyone else a bare number is group chatter.
    mary.say(`@督办 ${QUESTION}`, [bot]).to(room);
    await until(() => sent.length >= 3);
    expect(sent[2]).toContain('Reply with its number');
    mike.say('2').to(room);
    await quiet();
    expect(sent).toHaveLength(3);
    mary.say('2').to(room);
    await until(() => sent.length >= 4);
    expect(sent[3]).toContain('Item 1.2');
  });

  it('DingTalk: numbered choices, and 2 from the asker answers item 1.2', async () => {
    const say = async (text: string, msgId: string) => {
      const timestamp = String(Date.now());
      await fetch(dingUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', timestamp, sign: signOf(timestamp, 'dt-secret') },
        body: JSON.stringify({
          conversationId: 'cidGroup1',
          chatbotUserId: '$:LWCP_v1:$robot',
          msgId,
          senderNick: '王强',
          senderStaffId: 'staff1',
          senderId: '$:LWCP_v1:$staff1',
          conversationType: '2',
          isInAtList: true,
          sessionWebhookExpiredTime: Date.now() + 3600_000,
          sessionWebhook: dingApi.webhook(msgId),
          createAt: Date.now(),
          text: { content: text },
          robotCode: 'dingtestapp',
          msgtype: 'text',
        }),
      });
    };
    await say(QUESTION, 'msg-choice-1');
    await until(() => dingApi.replies().length === 1);
    const asked = (dingApi.replies()[0]!.body.markdown as { text: string }).text;
    expect(asked).toContain('Reply with its number');
    expect(asked).toMatch(/2\. 1\.2 /);
    await say('2', 'msg-choice-2');
    await until(() => dingApi.replies().length === 2);
    expect((dingApi.replies()[1]!.body.markdown as { text: string }).text).toContain('Item 1.2');
  });

  it('Feishu: numbered choices, and 2 from the asker answers item 1.2', async () => {
    const say = (text: string) =>
      fetch(feishuUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(messageEvent(text, { chatType: 'p2p', mentions: [] })),
      });
    await say(QUESTION);
    await until(() => feishuApi.sends().length === 1);
    const asked = String(feishuApi.sends()[0]!.body.content);
    expect(asked).toContain('Reply with its number');
    expect(asked).toMatch(/2\. 1\.2 /);
    await say('2');
    await until(() => feishuApi.sends().length === 2);
    expect(String(feishuApi.sends()[1]!.body.content)).toContain('Item 1.2');
  });
});
