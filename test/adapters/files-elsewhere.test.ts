/** DingTalk robots and the Feishu adapter send no files: `导出` answers with the text and how to get the workbook. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOf } from '../../src/adapters/dingtalk/callback.js';
import { dingtalk as dingtalkPlatform } from '../../src/adapters/dingtalk/platform.js';
import { createDingtalkAdapter, type DingtalkAdapter } from '../../src/adapters/dingtalk/robot.js';
import { createFeishuAdapter, type FeishuAdapter } from '../../src/adapters/feishu/bot.js';
import { feishu as feishuPlatform } from '../../src/adapters/feishu/platform.js';
import { platformSettings } from '../../src/adapters/registry.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { FakeDingtalkApi } from '../fakes/dingtalk-api.js';
import { FeishuFakeApi, messageEvent } from '../fakes/feishu-api.js';
import { freePort, until } from '../fakes/wait.js';

const dingApi = new FakeDingtalkApi();
const feishuApi = new FeishuFakeApi();
let core: TestCore;
let robot: DingtalkAdapter;
let feishu: FeishuAdapter;
let dingUrl: string;
let feishuUrl: string;

beforeAll(async () => {
  await dingApi.start();
  await feishuApi.start();
  core = await testCore({ DUBAN_ADMINS: 'dingtalk:admin1,feishu:ou_admin' }, new Date().toISOString());
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
      FEISHU_INSECURE_NO_ENCRYPT_KEY: '1',
    }),
    { minIntervalMs: 0 },
  );
  await robot.start();
  await feishu.start();
  dingUrl = `http://127.0.0.1:${dingPort}/dingtalk/events`;
  feishuUrl = `http://127.0.0.1:${feishuPort}/feishu/events`;
});
afterAll(async () => {
  await robot.stop();
  await feishu.stop();
  await dingApi.stop();
  await feishuApi.stop();
});

describe('platforms that send no files', () => {
  it('DingTalk: the export text, and how to get the workbook', async () => {
    const timestamp = String(Date.now());
    await fetch(dingUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', timestamp, sign: signOf(timestamp, 'dt-secret') },
      body: JSON.stringify({
        conversationId: 'cidDirect1',
        chatbotUserId: '$:LWCP_v1:$robot',
        msgId: 'msg-export-1',
        senderNick: '领导',
        senderStaffId: 'admin1',
        senderId: '$:LWCP_v1:$admin1',
        conversationType: '1',
        sessionWebhookExpiredTime: Date.now() + 3600_000,
        sessionWebhook: dingApi.webhook('msg-export-1'),
        createAt: Date.now(),
        text: { content: '导出' },
        robotCode: 'dingtestapp',
        msgtype: 'text',
      }),
    });
    await until(() => dingApi.replies().length === 1);
    const text = (dingApi.replies()[0]!.body.markdown as { text: string }).text;
    expect(text).toMatch(/导出 duban-month-\d{4}-\d{2}\.xlsx/);
    expect(text).toContain('这里发不了文件');
    expect(text).toMatch(/duban report --period month --date \d{4}-\d{2}-01 --out duban-month-/);
  });

  it('Feishu: the export text, and how to get the workbook', async () => {
    await fetch(feishuUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(messageEvent('export week', { chatType: 'p2p', from: 'ou_admin', mentions: [] })),
    });
    await until(() => feishuApi.sends().length === 1);
    const sent = String(feishuApi.sends()[0]!.body.content);
    expect(sent).toMatch(/Exported duban-week-\d{4}-\d{2}-\d{2}\.xlsx/);
    expect(sent).toContain('cannot be sent here');
  });
});
