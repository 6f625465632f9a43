import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { TOPIC_ROBOT } from 'dingtalk-stream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signOf } from '../../src/adapters/dingtalk/callback.js';
import { dingtalk as dingtalkPlatform } from '../../src/adapters/dingtalk/platform.js';
import { createDingtalkAdapter, type DingtalkAdapter } from '../../src/adapters/dingtalk/robot.js';
import { enabledPlatforms, platformSettings } from '../../src/adapters/registry.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { FakeDingtalkApi } from '../fakes/dingtalk-api.js';
import { FeishuFakeApi, messageEvent } from '../fakes/feishu-api.js';
import { tempDir } from '../fakes/tmp.js';
import { freePort, until } from '../fakes/wait.js';

const SECRET = 'dt-secret';
const api = new FakeDingtalkApi();
let core: TestCore;
let robot: DingtalkAdapter;
let url: string;

function settings(mode: 'http' | 'stream', port = 3001) {
  return platformSettings(dingtalkPlatform, {
    DINGTALK_CLIENT_ID: 'dingtestapp',
    DINGTALK_CLIENT_SECRET: SECRET,
    DINGTALK_MODE: mode,
    DINGTALK_PORT: String(port),
    DINGTALK_API_URL: api.url,
  });
}

const robotMessage: typeof api.robotMessage = (content, more) => api.robotMessage(content, more);

/** POST a callback the way DingTalk signs it; `timestamp` replays one already sent. */
function callback(body: unknown, opts: { secret?: string; skewMs?: number; to?: string; timestamp?: string } = {}) {
  const timestamp = opts.timestamp ?? String(Date.now() + (opts.skewMs ?? 0));
  return fetch(opts.to ?? url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', timestamp, sign: signOf(timestamp, opts.secret ?? SECRET) },
    body: JSON.stringify(body),
  });
}

const markdown = (call: { body: Record<string, unknown> }) => (call.body.markdown as { text: string }).text;

beforeAll(async () => {
  await api.start();
  core = await testCore({ DUBAN_ADMINS: 'dingtalk:admin1' });
  const port = await freePort();
  robot = createDingtalkAdapter(
    core.port(() => {}),
    settings('http', port),
    { minIntervalMs: 0 },
  );
  await robot.start();
  url = `http://127.0.0.1:${port}/dingtalk/events`;
});
afterAll(async () => {
  await robot.stop();
  await api.stop();
});
// Each test starts with the last one's replies all sent, so none of them is counted as this test's.
beforeEach(async () => {
  await robot.idle();
  api.calls = [];
});

describe('DingTalk over HTTP callbacks', () => {
  it('answers a group question at its sessionWebhook, in markdown, @-mentioning the asker', async () => {
    const body = robotMessage('人才团队的引进目标是多少？');
    expect((await callback(body)).status).toBe(200);
    await until(() => api.replies().length === 1);
    const reply = api.replies()[0]!;
    expect(reply.path).toBe(`/robot/sendBySession?session=${body.msgId}`);
    expect(reply.body.msgtype).toBe('markdown');
    expect(markdown(reply)).toContain('4.3 提升人才支撑水平');
    expect(markdown(reply)).toContain('**争取引进领军人才及团队25个以上**');
    expect(markdown(reply).startsWith('@s1 ')).toBe(true);
    expect(reply.body.at).toEqual({ atUserIds: ['s1'], isAtAll: false });
  });

  it('answers a 1:1 chat without an @', async () => {
    await callback(robotMessage('帮助', { conversationType: '1', conversationId: 'cidDirect1', atUsers: [] }));
    await until(() => api.replies().length === 1);
    expect(markdown(api.replies()[0]!)).toContain('督办 · 用法');
    expect(markdown(api.replies()[0]!)).not.toContain('@s1');
  });

  it('records an update once and answers once when DingTalk delivers it again', async () => {
    const body = robotMessage('进展 6.4 +5');
    await callback(body);
    await until(() => api.replies().length === 1);
    await callback(body);
    await robot.idle();
    expect(api.replies()).toHaveLength(1);
    expect((await core.store.progress.latestForItem('cixi-2015', '6.4')).get('6.4#1')?.value).toBe(5);
    expect((await core.store.progress.history('cixi-2015', '6.4'))[0]).toMatchObject({
      platform: 'dingtalk',
      userId: 's1',
      userName: '张三',
      channelId: 'cidGroup1',
    });
  });

  it('refuses a forged signature and a callback stamped more than five minutes away, and does nothing', async () => {
    const forged = robotMessage('进展 4.3#1 99');
    expect((await callback(forged, { secret: 'wrong-secret' })).status).toBe(401);
    expect((await callback(robotMessage('进展 4.3#1 98'), { skewMs: -6 * 60_000 })).status).toBe(401);
    expect((await callback(robotMessage('进展 4.3#1 97'), { skewMs: 6 * 60_000 })).status).toBe(401);
    expect((await callback(robotMessage('进展 4.3#1 96'), { skewMs: -50 * 60_000 })).status).toBe(401);
    const unsigned = await fetch(url, { method: 'POST', body: JSON.stringify(forged) });
    expect(unsigned.status).toBe(401);
    await robot.idle();
    expect(api.calls).toEqual([]);
    const values = (await core.store.progress.history('cixi-2015', '4.3')).map((r) => r.value);
    expect(values).not.toContain(99);
    expect(values).not.toContain(98);
    expect(values).not.toContain(96);
    expect((await callback(robotMessage('帮助'), { skewMs: -4 * 60_000 })).status).toBe(200);
    await until(() => api.replies().length === 1);
  });

  it('takes a captured timestamp and sign once: another body under them is refused, nothing recorded or sent', async () => {
    const timestamp = String(Date.now());
    expect((await callback(robotMessage('帮助'), { timestamp })).status).toBe(200);
    await until(() => api.replies().length === 1);
    const forged = robotMessage('进展 4.3#1 +7', { senderStaffId: 'admin1', senderNick: '管理员' });
    expect((await callback(forged, { timestamp })).status).toBe(401);
    expect(
      (await callback(robotMessage('负责 4.3 dingtalk:s9', { senderStaffId: 'admin1' }), { timestamp })).status,
    ).toBe(401);
    await robot.idle();
    expect(api.calls).toHaveLength(1);
    expect((await core.store.progress.history('cixi-2015', '4.3')).filter((r) => r.userId === 'admin1')).toEqual([]);
    expect(await core.store.owners.ofUser('dingtalk', 's9')).toEqual([]);
  });

  it('never sends the access token to a sessionWebhook on another port of the API’s host: it answers by the API', async () => {
    const elsewhere = new FakeDingtalkApi();
    await elsewhere.start();
    try {
      const foreign = elsewhere.webhook('stolen');
      expect(new URL(foreign).hostname).toBe(new URL(api.url).hostname);
      expect((await callback(robotMessage('帮助', { sessionWebhook: foreign }))).status).toBe(200);
      await until(() => api.pushes().length === 1);
      expect(api.pushes()[0]!.body.openConversationId).toBe('cidGroup1');
      expect(JSON.parse(api.pushes()[0]!.body.msgParam as string).text).toContain('督办 · 用法');
      await robot.idle();
      expect(elsewhere.calls).toEqual([]);
      expect(api.replies()).toEqual([]);
    } finally {
      await elsewhere.stop();
    }
  });

  it('sends a digest to a group through the robot OpenAPI, with one cached access token', async () => {
    const before = api.tokensIssued;
    const digest = { kind: 'info' as const, lang: 'zh' as const, bars: [], citations: [], hints: [], ephemeral: false };
    await robot.send({ platform: 'dingtalk', channelId: 'cidGroup1' }, { ...digest, text: ['督办日报 · 测试'] });
    await robot.send({ platform: 'dingtalk', channelId: 'cidGroup1' }, { ...digest, text: ['督办日报 · 第二天'] });
    const pushes = api.pushes();
    expect(pushes.map((p) => p.path)).toEqual(['/v1.0/robot/groupMessages/send', '/v1.0/robot/groupMessages/send']);
    expect(pushes[0]!.body).toMatchObject({
      openConversationId: 'cidGroup1',
      robotCode: 'dingtestapp',
      msgKey: 'sampleMarkdown',
    });
    expect(JSON.parse(pushes[0]!.body.msgParam as string).text).toContain('督办日报 · 测试');
    expect(api.tokensIssued - before).toBeLessThanOrEqual(1);
    expect(new Set(pushes.map((p) => p.token)).size).toBe(1);
  });

  it('lets an admin name an owner by @, and reminds the owner 1:1 through the OpenAPI', async () => {
    core.senders.dingtalk = (channel, reply) => robot.send(channel, reply);
    const from = { senderStaffId: 'admin1', senderNick: '管理员' };
    await callback(
      robotMessage('负责 4.3 @王强', {
        ...from,
        atUsers: [{ dingtalkId: '$:LWCP_v1:$robot' }, { dingtalkId: '$:LWCP_v1:$wq', staffId: 'wangqiang' }],
      }),
    );
    await until(() => api.replies().length === 1);
    expect(markdown(api.replies()[0]!)).toContain('已指定 4.3 提升人才支撑水平 的负责人：王强');
    expect(await core.store.owners.ofUser('dingtalk', 'wangqiang')).toMatchObject([{ itemId: '4.3', name: '王强' }]);
    await callback(robotMessage('提醒 4.3', from));
    await until(() => api.pushes().length >= 1);
    const dm = api.pushes()[0]!;
    expect(dm.path).toBe('/v1.0/robot/oToMessages/batchSend');
    expect(dm.body.userIds).toEqual(['wangqiang']);
    const text = JSON.parse(dm.body.msgParam as string).text as string;
    expect(text).toContain('督办提醒');
    expect(text).toContain('4.3 提升人才支撑水平');
  });

  it('never guesses which of two @-mentioned people is which: it asks for their ids and records nothing', async () => {
    const atUsers = [
      { dingtalkId: '$:LWCP_v1:$robot' },
      { dingtalkId: '$:LWCP_v1:$a', staffId: 'staffA' },
      { dingtalkId: '$:LWCP_v1:$b', staffId: 'staffB' },
    ];
    await callback(robotMessage('负责 8.1 @李明 @赵华', { senderStaffId: 'admin1', atUsers }));
    // The asker alone is told, 1:1; the group hears that they were.
    await until(() => api.pushes().length === 1 && api.replies().length === 1);
    expect(JSON.parse(api.pushes()[0]!.body.msgParam as string).text).toContain('找不到 @李明、@赵华');
    expect(markdown(api.replies()[0]!)).toContain('已私信您');
    expect(await core.store.owners.ofUser('dingtalk', 'staffA')).toEqual([]);
    await callback(robotMessage('负责 8.1 dingtalk:staffA dingtalk:staffB', { senderStaffId: 'admin1' }));
    await until(() => api.replies().length === 2);
    expect(await core.store.owners.ofUser('dingtalk', 'staffB')).toMatchObject([{ itemId: '8.1' }]);
  });

  it('refuses a body over 1 MB and answers nothing but its path', async () => {
    const huge = await callback(robotMessage(`帮助${'很'.repeat(600_000)}`));
    expect(huge.status).toBe(413);
    const timestamp = String(Date.now());
    const elsewhere = await fetch(url.replace('/dingtalk/events', '/other'), {
      method: 'POST',
      headers: { timestamp, sign: signOf(timestamp, SECRET) },
      body: '{}',
    });
    expect(elsewhere.status).toBe(404);
    await robot.idle();
    expect(api.calls).toEqual([]);
  });

  it('answers through the OpenAPI when the sessionWebhook has expired', async () => {
    await callback(robotMessage('状态 8.3', { sessionWebhookExpiredTime: Date.now() - 1000 }));
    await until(() => api.pushes().length === 1);
    expect(api.replies()).toEqual([]);
    expect(api.pushes()[0]!.body.openConversationId).toBe('cidGroup1');
  });

  it('splits a long reply within DingTalk’s limit and paces the parts', async () => {
    const paced = createDingtalkAdapter(
      core.port(() => {}),
      settings('http', await freePort()),
      { minIntervalMs: 150 },
    );
    const paragraphs = Array.from({ length: 40 }, (_, i) => `第${i + 1}段。${'内容'.repeat(40)}`);
    await paced.send(
      { platform: 'dingtalk', channelId: 'cidGroup2' },
      { kind: 'info', lang: 'zh', text: [...paragraphs, '结尾'], bars: [], citations: [], hints: [], ephemeral: false },
    );
    const pushes = api.pushes();
    expect(pushes.length).toBeGreaterThan(1);
    const texts = pushes.map((p) => JSON.parse(p.body.msgParam as string).text as string);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(2000);
    const all = texts.join('\n\n');
    expect(all.indexOf('第1段')).toBeLessThan(all.indexOf('第40段'));
    expect(all.trimEnd().endsWith('结尾')).toBe(true);
    for (let i = 1; i < pushes.length; i++) expect(pushes[i]!.at - pushes[i - 1]!.at).toBeGreaterThanOrEqual(140);
  });
});

describe('DingTalk pacing', () => {
  it('keeps a group under 20 messages a minute unless told otherwise', async () => {
    const paced = createDingtalkAdapter(
      core.port(() => {}),
      settings('http', await freePort()),
    );
    const info = { kind: 'info' as const, lang: 'zh' as const, bars: [], citations: [], hints: [], ephemeral: false };
    await Promise.all([
      paced.send({ platform: 'dingtalk', channelId: 'cidGroup3' }, { ...info, text: ['一'] }),
      paced.send({ platform: 'dingtalk', channelId: 'cidGroup3' }, { ...info, text: ['二'] }),
    ]);
    const [first, second] = api.pushes();
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(3000);
  });
});

describe('DingTalk settings', () => {
  it('is turned on by a Client ID, in Stream mode unless told otherwise, and names a wrong setting', () => {
    const on = enabledPlatforms({ DINGTALK_CLIENT_ID: 'id', DINGTALK_CLIENT_SECRET: 's' });
    expect(on.map((p) => p.platform.name)).toEqual(['dingtalk']);
    expect(on[0]!.settings).toMatchObject({
      DINGTALK_MODE: 'stream',
      DINGTALK_PORT: 3001,
      DINGTALK_API_URL: 'https://api.dingtalk.com',
    });
    expect(() => platformSettings(dingtalkPlatform, { DINGTALK_CLIENT_ID: 'id' })).toThrow('DINGTALK_CLIENT_SECRET');
    expect(() => platformSettings(dingtalkPlatform, { DINGTALK_MODE: 'webhook' })).toThrow('DINGTALK_MODE="webhook"');
  });
});

describe('DingTalk in Stream mode', () => {
  it('answers a frame fed to the callback listener it registers, without a connection', async () => {
    const stream = createDingtalkAdapter(
      core.port(() => {}),
      settings('stream'),
      { minIntervalMs: 0 },
    );
    const data = robotMessage('人才团队的引进目标是多少？');
    // A frame as DingTalk's gateway pushes it down the long connection.
    const frame = {
      specVersion: '1.0',
      type: 'CALLBACK',
      headers: {
        appId: 'app-1',
        connectionId: 'conn-1',
        contentType: 'application/json',
        messageId: 'frame-1',
        time: String(Date.now()),
        topic: TOPIC_ROBOT,
      },
      data: JSON.stringify(data),
    };
    stream.client!.onDownStream(JSON.stringify(frame));
    await until(() => api.replies().length === 1);
    expect(markdown(api.replies()[0]!)).toContain('25个以上');
    stream.client!.onDownStream(JSON.stringify({ ...frame, headers: { ...frame.headers, messageId: 'frame-2' } }));
    await stream.idle();
    expect(api.replies()).toHaveLength(1);
  });
});

describe('npm start with DingTalk and Feishu configured', () => {
  it('runs both in one process and answers a callback on each', async () => {
    const feishuApi = new FeishuFakeApi();
    await feishuApi.start();
    const [dingtalkPort, feishuPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, [resolve(import.meta.dirname, '../../bin/duban.js'), 'start'], {
      env: {
        PATH: process.env.PATH ?? '',
        DUBAN_DATA_DIR: tempDir(),
        DUBAN_WEB: 'off',
        DINGTALK_CLIENT_ID: 'dingtestapp',
        DINGTALK_CLIENT_SECRET: SECRET,
        DINGTALK_MODE: 'http',
        DINGTALK_PORT: String(dingtalkPort),
        DINGTALK_API_URL: api.url,
        FEISHU_APP_ID: 'cli_0123456789abcdef',
        FEISHU_APP_SECRET: 'app-secret',
        FEISHU_DOMAIN: feishuApi.url,
        FEISHU_MODE: 'http',
        FEISHU_PORT: String(feishuPort),
        FEISHU_VERIFICATION_TOKEN: 'verify-token',
        FEISHU_INSECURE_NO_ENCRYPT_KEY: '1',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      await until(() => out.includes('duban is running') || child.exitCode !== null, 30000, 'duban to start');
      expect(out).toContain('2 platforms: dingtalk, feishu');
      const to = `http://127.0.0.1:${dingtalkPort}/dingtalk/events`;
      expect((await callback(robotMessage('就业岗位新增多少个'), { to })).status).toBe(200);
      const feishuEvent = messageEvent('@_user_1 就业岗位新增多少个');
      const feishuUrl = `http://127.0.0.1:${feishuPort}/feishu/events`;
      expect((await fetch(feishuUrl, { method: 'POST', body: JSON.stringify(feishuEvent) })).status).toBe(200);
      await until(() => api.replies().length === 1 && feishuApi.sends().length === 1, 15000, 'both answers');
      expect(markdown(api.replies()[0]!)).toContain('2.2万个');
      expect(String(feishuApi.sends()[0]!.body.content)).toContain('2.2万个');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.exitCode !== null || child.on('exit', r));
      await feishuApi.stop();
    }
    expect(child.exitCode).toBe(0);
  }, 60_000);
});
