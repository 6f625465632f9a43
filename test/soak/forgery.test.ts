/**
 * The outside probe's forgeries against `npm start` with DingTalk and Feishu in HTTP mode, fake
 * platform APIs on 127.0.0.1: a captured DingTalk timestamp/sign carrying an admin's command and
 * a sessionWebhook on another port of the API's host, and a Feishu `撤销 1` unsigned or a year
 * old. Each is refused, nothing is recorded (read from the store) and nothing is posted (read
 * from the fake APIs).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signOf } from '../../src/adapters/dingtalk/callback.js';
import { feishuSignature } from '../../src/adapters/feishu/callback.js';
import { openStore } from '../../src/store/index.js';
import { FakeDingtalkApi } from '../fakes/dingtalk-api.js';
import { encryptEvent, FeishuFakeApi, messageEvent } from '../fakes/feishu-api.js';
import { tempDir } from '../fakes/tmp.js';
import { freePort, until } from '../fakes/wait.js';

const BIN = resolve(import.meta.dirname, '../../bin/duban.js');
const KEY = 'encrypt-key-soak';
const dingApi = new FakeDingtalkApi();
/** Another server on the API's host, another port: where a forged sessionWebhook points. */
const elsewhere = new FakeDingtalkApi();
const feishuApi = new FeishuFakeApi();
const dataDir = tempDir();
let child: ChildProcess;
let out = '';
let dingUrl: string;
let feishuUrl: string;

const env = (more: Record<string, string>) => ({
  PATH: process.env.PATH ?? '',
  DUBAN_DATA_DIR: dataDir,
  DUBAN_WEB: 'off',
  DUBAN_ADMINS: 'dingtalk:admin1,feishu:ou_admin',
  FEISHU_APP_ID: 'cli_0123456789abcdef',
  FEISHU_APP_SECRET: 'app-secret',
  FEISHU_DOMAIN: feishuApi.url,
  FEISHU_MODE: 'http',
  FEISHU_VERIFICATION_TOKEN: 'verify-token',
  ...more,
});

/** A DingTalk robot message from staff `s1` in a group, answered at `sessionWebhook`. */
function robotMessage(msgId: string, content: string, more: Record<string, unknown> = {}) {
  return {
    msgId,
    msgtype: 'text',
    text: { content },
    conversationId: 'cidGroup1',
    conversationType: '2',
    senderId: '$:LWCP_v1:$s1',
    senderStaffId: 's1',
    senderNick: '张三',
    chatbotUserId: '$:LWCP_v1:$robot',
    atUsers: [{ dingtalkId: '$:LWCP_v1:$robot' }],
    sessionWebhook: dingApi.webhook(msgId),
    sessionWebhookExpiredTime: Date.now() + 3600_000,
    ...more,
  };
}

function dingtalk(body: unknown, timestamp = String(Date.now())) {
  return fetch(dingUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', timestamp, sign: signOf(timestamp, 'dt-secret') },
    body: JSON.stringify(body),
  });
}

/** A Feishu event from `from`, encrypted and signed as Feishu does, stamped `skewMs` from now. */
function feishuEvent(text: string, from: string, skewMs = 0) {
  const raw = JSON.stringify({ encrypt: encryptEvent(messageEvent(`@_user_1 ${text}`, { from }), KEY) });
  const timestamp = String(Math.floor((Date.now() + skewMs) / 1000));
  const nonce = `nonce-${Math.random()}`;
  const headers = {
    'content-type': 'application/json',
    'x-lark-request-timestamp': timestamp,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': feishuSignature(timestamp, nonce, KEY, raw),
  };
  return { raw, headers };
}

const post = (to: string, body: string, headers: Record<string, string> = {}) =>
  fetch(to, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

beforeAll(async () => {
  await Promise.all([dingApi.start(), elsewhere.start(), feishuApi.start()]);
  symlinkSync(inject('indexDir'), join(dataDir, 'index'));
  const [dingPort, feishuPort] = [await freePort(), await freePort()];
  child = spawn(process.execPath, [BIN, 'start'], {
    env: env({
      DINGTALK_CLIENT_ID: 'dingtestapp',
      DINGTALK_CLIENT_SECRET: 'dt-secret',
      DINGTALK_MODE: 'http',
      DINGTALK_PORT: String(dingPort),
      DINGTALK_API_URL: dingApi.url,
      FEISHU_PORT: String(feishuPort),
      FEISHU_ENCRYPT_KEY: KEY,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await until(() => out.includes('duban is running') || child.exitCode !== null, 60000, 'duban to start');
  dingUrl = `http://127.0.0.1:${dingPort}/dingtalk/events`;
  feishuUrl = `http://127.0.0.1:${feishuPort}/feishu/events`;
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
  }
  await Promise.all([dingApi.stop(), elsewhere.stop(), feishuApi.stop()]);
});

describe('forged platform requests against npm start', () => {
  it('Feishu: a forged 撤销 1 unsigned, a year old, or replayed is refused and record #1 stands', async () => {
    const genuine = feishuEvent('进展 4.3#1 +3', 'ou_u1');
    expect((await post(feishuUrl, genuine.raw, genuine.headers)).status).toBe(200);
    await until(() => feishuApi.sends().length === 1, 15000, 'the answer to a genuine update');
    const plain = JSON.stringify(messageEvent('@_user_1 撤销 1', { from: 'ou_admin' }));
    expect((await post(feishuUrl, plain)).status).toBe(401);
    const yearOld = feishuEvent('撤销 1', 'ou_admin', -365 * 24 * 3600_000);
    expect((await post(feishuUrl, yearOld.raw, yearOld.headers)).status).toBe(401);
    expect((await post(feishuUrl, genuine.raw, genuine.headers)).status).toBe(401);
    // A genuine message after them, answered in the same chat: whatever the refused ones did is done by then.
    const marker = feishuEvent('帮助', 'ou_u1');
    expect((await post(feishuUrl, marker.raw, marker.headers)).status).toBe(200);
    await until(() => feishuApi.sends().length >= 2, 15000, 'the answer to a genuine message after them');
    expect(feishuApi.sends()).toHaveLength(2);
  });

  it('DingTalk: a captured timestamp/sign with an admin’s body and a foreign sessionWebhook is refused', async () => {
    const timestamp = String(Date.now());
    expect((await dingtalk(robotMessage('d1', '帮助'), timestamp)).status).toBe(200);
    await until(() => dingApi.replies().length === 1, 15000, 'the answer to a genuine message');
    const forged = (msgId: string, text: string) =>
      robotMessage(msgId, text, {
        senderStaffId: 'admin1',
        senderId: '$:LWCP_v1:$admin1',
        senderNick: '管理员',
        sessionWebhook: elsewhere.webhook(msgId),
      });
    expect((await dingtalk(forged('d2', '进展 4.3#1 +7'), timestamp)).status).toBe(401);
    expect((await dingtalk(forged('d3', '负责 4.3 dingtalk:s9'), timestamp)).status).toBe(401);
    // A genuine message after them, answered in the same chat: whatever the refused ones did is done by then.
    expect((await dingtalk(robotMessage('d3b', '帮助'))).status).toBe(200);
    await until(() => dingApi.replies().length >= 2, 15000, 'the answer to a genuine message after them');
    expect(elsewhere.calls).toEqual([]);
    expect(dingApi.calls).toHaveLength(2);
  });

  it('DingTalk: a signed message with a sessionWebhook on another port is answered by the API, no token sent there', async () => {
    expect((await dingtalk(robotMessage('d4', '帮助', { sessionWebhook: elsewhere.webhook('d4') }))).status).toBe(200);
    await until(() => dingApi.pushes().length === 1, 15000, 'the answer by the API');
    expect(dingApi.pushes()[0]!.body.openConversationId).toBe('cidGroup1');
    const replies = dingApi.replies().length;
    expect((await dingtalk(robotMessage('d4b', '帮助'))).status).toBe(200);
    await until(() => dingApi.replies().length > replies, 15000, 'the answer to a genuine message after it');
    expect(elsewhere.calls).toEqual([]);
    expect(out).toContain('its sessionWebhook is not on DingTalk’s origin');
  });

  it('nothing forged was recorded: the store holds the genuine update only, not undone', async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.exitCode !== null || child.on('exit', r));
    const store = openStore(dataDir);
    try {
      const history = await store.progress.history('cixi-2015', '4.3');
      expect(history.map((r) => [r.id, r.userId, r.kind, r.undone])).toEqual([[1, 'ou_u1', 'update', false]]);
      expect(await store.owners.ofUser('dingtalk', 's9')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('Feishu HTTP mode without an Encrypt Key does not start, and says what to set', async () => {
    const port = await freePort();
    const bare = spawn(process.execPath, [BIN, 'start'], {
      env: env({ DUBAN_DATA_DIR: tempDir(), FEISHU_PORT: String(port) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    bare.stderr!.on('data', (d) => (err += d));
    try {
      await until(() => bare.exitCode !== null, 30000, 'duban to refuse to start');
    } finally {
      bare.kill('SIGKILL');
    }
    expect(bare.exitCode).toBe(2);
    expect(err).toContain('FEISHU_ENCRYPT_KEY');
    expect(err).toContain('FEISHU_INSECURE_NO_ENCRYPT_KEY=1');
    expect((await fetch(`http://127.0.0.1:${port}/feishu/events`).catch(() => undefined))?.status).toBeUndefined();
  });
});
