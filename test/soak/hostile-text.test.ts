/**
 * The probe's hostile note, over the wire: a DingTalk staff member whose display name and progress
 * note hold a markdown link, an image and HTML, an owner named from WeChat, a lead unit set in
 * DingTalk. Every reply path — history, status, 周报/月报, the digest, 谁负责, an answer with the
 * latest progress, a reminder — is asked for in DingTalk and in Feishu over signed HTTP callbacks
 * on 127.0.0.1, and what reaches the platforms' APIs shows the characters, never a live link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOf } from '../../src/adapters/dingtalk/callback.js';
import { dingtalk } from '../../src/adapters/dingtalk/platform.js';
import { createDingtalkAdapter, type DingtalkAdapter } from '../../src/adapters/dingtalk/robot.js';
import { createFeishuAdapter, type FeishuAdapter } from '../../src/adapters/feishu/bot.js';
import { feishuSignature } from '../../src/adapters/feishu/callback.js';
import { feishu } from '../../src/adapters/feishu/platform.js';
import { platformSettings } from '../../src/adapters/registry.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { FakeDingtalkApi } from '../fakes/dingtalk-api.js';
import { encryptEvent, FeishuFakeApi, messageEvent } from '../fakes/feishu-api.js';
import { freePort, until } from '../fakes/wait.js';

const LINK = '[点我领取](http://evil.example/a)';
const IMAGE = '![p](http://evil.example/p.png)';
const NOTE = `已开会 ${LINK}${IMAGE}<img src=http://evil.example/i.png>`;
/** Markdown link or image syntax, or an HTML tag, that no backslash escapes. */
const LIVE = /(?<!\\)\[[^\]\n]*(?<!\\)\]\(|(?<!\\)<\s*(?:a|img)\b/i;
const SECRET = 'dt-secret';
const KEY = 'encrypt-key';

const dingApi = new FakeDingtalkApi();
const larkApi = new FeishuFakeApi();
let core: TestCore;
let robot: DingtalkAdapter;
let lark: FeishuAdapter;
let dingUrl: string;
let larkUrl: string;
let n = 0;

/** A DingTalk robot message from `staff` in group `cidGroup1`, signed as DingTalk signs it; resolves to the reply's markdown. */
async function dingtalkSays(content: string, staff = 's1', nick = `张${LINK}`): Promise<string> {
  const msgId = `hostile${++n}`;
  const body = {
    conversationId: 'cidGroup1',
    atUsers: [{ dingtalkId: '$:LWCP_v1:$robot' }],
    chatbotUserId: '$:LWCP_v1:$robot',
    msgId,
    senderNick: nick,
    senderStaffId: staff,
    sessionWebhookExpiredTime: Date.now() + 3600_000,
    createAt: Date.now(),
    conversationType: '2',
    senderId: `$:LWCP_v1:$${staff}`,
    conversationTitle: '督办工作群',
    isInAtList: true,
    sessionWebhook: dingApi.webhook(msgId),
    text: { content },
    robotCode: 'dingtestapp',
    msgtype: 'text',
  };
  const timestamp = String(Date.now() + n);
  const res = await fetch(dingUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', timestamp, sign: signOf(timestamp, SECRET) },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  const sent = () => dingApi.replies().filter((c) => c.path.endsWith(`session=${msgId}`));
  await until(() => sent().length > 0);
  return sent()
    .map((c) => (c.body.markdown as { text: string }).text)
    .join('\n');
}

/** A Feishu group message from `ou_u1`, encrypted and signed; resolves to the cards sent back. */
async function feishuSays(text: string): Promise<string> {
  const event = messageEvent(`@_user_1 ${text}`);
  const raw = JSON.stringify({ encrypt: encryptEvent(event, KEY) });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = `nonce-${++n}`;
  const res = await fetch(larkUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': feishuSignature(timestamp, nonce, KEY, raw),
    },
    body: raw,
  });
  expect(res.status).toBe(200);
  const id = event.event.message.message_id;
  const sent = () => larkApi.sends().filter((c) => c.path.includes(`/messages/${id}/`));
  await until(() => sent().length > 0);
  return sent()
    .map((c) => String(c.body.content))
    .join('\n');
}

beforeAll(async () => {
  await dingApi.start();
  await larkApi.start();
  core = await testCore({ DUBAN_ADMINS: 'dingtalk:admin1,wechat:boss,feishu:ou_u1' }, '2015-06-01T02:00:00Z');
  const dingPort = await freePort();
  robot = createDingtalkAdapter(
    core.port(() => {}),
    platformSettings(dingtalk, {
      DINGTALK_CLIENT_ID: 'dingtestapp',
      DINGTALK_CLIENT_SECRET: SECRET,
      DINGTALK_MODE: 'http',
      DINGTALK_PORT: String(dingPort),
      DINGTALK_API_URL: dingApi.url,
    }),
    { minIntervalMs: 0 },
  );
  await robot.start();
  dingUrl = `http://127.0.0.1:${dingPort}/dingtalk/events`;
  const larkPort = await freePort();
  lark = createFeishuAdapter(
    core.port(() => {}),
    platformSettings(feishu, {
      FEISHU_APP_ID: 'cli_0123456789abcdef',
      FEISHU_APP_SECRET: 'app-secret',
      FEISHU_DOMAIN: larkApi.url,
      FEISHU_VERIFICATION_TOKEN: 'verify-token',
      FEISHU_ENCRYPT_KEY: KEY,
      FEISHU_MODE: 'http',
      FEISHU_PORT: String(larkPort),
    }),
    { minIntervalMs: 0 },
  );
  await lark.start();
  larkUrl = `http://127.0.0.1:${larkPort}/feishu/events`;

  // An owner named in WeChat; a lead unit, a value with a note and a note alone written in DingTalk.
  await core.say('负责 4.3', {
    platform: 'wechat',
    userId: 'boss',
    mentions: [{ userId: 'wx_w', name: `王${IMAGE}` }],
  });
  await dingtalkSays(`牵头单位 4.3 市人才办${LINK}`, 'admin1', '督办科');
  expect(await dingtalkSays(`进展 4.3#1 12 ${NOTE}`)).toContain('12/25个');
  await dingtalkSays(`进展 1.1 ${NOTE}`);
  core.clock.now = new Date('2015-06-02T02:00:00Z');
}, 60_000);

afterAll(async () => {
  await robot.stop();
  await lark.stop();
  await dingApi.stop();
  await larkApi.stop();
});

const PATHS: [string, string][] = [
  ['history', '历史 4.3'],
  ['history of a note', '历史 1.1'],
  ['status', '状态 4.3'],
  ['section status', '状态 1'],
  ['weekly report', '周报'],
  ['monthly report', '月报'],
  ['digest', '汇总'],
  ['who owns', '谁负责 4.3'],
  ['answer', '人才团队的引进目标是多少？'],
  ['reminder', '提醒 4.3'],
];

describe('a hostile note and display name come back inert through every path', () => {
  it.each(PATHS)('%s in DingTalk (%s)', async (_path, command) => {
    const md = await dingtalkSays(command, 'admin1', '督办科');
    expect(md).toMatch(/点我领取|evil\.example/);
    expect(LIVE.test(md), md).toBe(false);
  });

  it.each(PATHS)('%s in Feishu (%s)', async (_path, command) => {
    const card = await feishuSays(command);
    expect(card).toMatch(/点我领取|evil\.example/);
    expect(LIVE.test(card), card).toBe(false);
  });
});
