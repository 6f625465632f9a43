import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFeishuAdapter, type FeishuAdapter } from '../../src/adapters/feishu/bot.js';
import { feishuSignature } from '../../src/adapters/feishu/callback.js';
import { feishu as feishuPlatform } from '../../src/adapters/feishu/platform.js';
import { enabledPlatforms, platformSettings } from '../../src/adapters/registry.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { BOT_OPEN_ID, encryptEvent, FeishuFakeApi, messageEvent } from '../fakes/feishu-api.js';
import { freePort, until } from '../fakes/wait.js';

const TOKEN = 'verify-token';
const api = new FeishuFakeApi();
let core: TestCore;
let bot: FeishuAdapter;
let url: string;

function settings(env: Record<string, string>) {
  return platformSettings(feishuPlatform, {
    FEISHU_APP_ID: 'cli_0123456789abcdef',
    FEISHU_APP_SECRET: 'app-secret',
    FEISHU_DOMAIN: api.url,
    FEISHU_VERIFICATION_TOKEN: TOKEN,
    ...env,
  });
}

function post(to: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(to, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** What a message sent says: the card's JSON or the text. */
const content = (call: { body: Record<string, unknown> }) => String(call.body.content);

beforeAll(async () => {
  await api.start();
  core = await testCore({ DUBAN_ADMINS: 'feishu:ou_admin' });
  const port = await freePort();
  // Plain events are easier to read in tests; the signed ones are under "with an Encrypt Key".
  bot = createFeishuAdapter(
    core.port(() => {}),
    settings({ FEISHU_MODE: 'http', FEISHU_PORT: String(port), FEISHU_INSECURE_NO_ENCRYPT_KEY: '1' }),
    { minIntervalMs: 0 },
  );
  await bot.start();
  url = `http://127.0.0.1:${port}/feishu/events`;
});
afterAll(async () => {
  await bot.stop();
  await api.stop();
});
// Each test starts with the last one's replies all sent, so none of them is counted as this test's.
beforeEach(async () => {
  await bot.idle();
  api.calls = [];
  api.refuseCards = 0;
});

describe('Feishu over HTTP callbacks', () => {
  it('answers a group @mention with a card replying to the message, @-mentioning the asker', async () => {
    const event = messageEvent('@_user_1 人才团队的引进目标是多少？');
    expect((await post(url, event)).status).toBe(200);
    await until(() => api.sends().length === 1);
    const sent = api.sends()[0]!;
    expect(sent.path).toBe(`/open-apis/im/v1/messages/${event.event.message.message_id}/reply`);
    expect(sent.body.msg_type).toBe('interactive');
    const card = JSON.parse(content(sent)) as { header?: unknown; elements: { tag: string }[] };
    const json = JSON.stringify(card);
    expect(json).toContain('4.3 提升人才支撑水平');
    expect(json).toContain('**争取引进领军人才及团队25个以上**');
    expect(json).toContain('<at id=ou_u1></at>');
    expect(card.elements.at(-1)!.tag).toBe('note');
  });

  it('answers a direct message, with the sender’s name from the contact API on the record', async () => {
    await post(url, messageEvent('进展 4.3#1 7', { chatType: 'p2p', from: 'ou_u2', mentions: [] }));
    await until(() => api.sends().length === 1);
    expect(content(api.sends()[0]!)).toContain('7/25个，28%');
    expect(content(api.sends()[0]!)).not.toContain('<at id=');
    expect((await core.store.progress.history('cixi-2015', '4.3'))[0]).toMatchObject({
      platform: 'feishu',
      userId: 'ou_u2',
      userName: '名ou_u2',
      channelId: 'dm:ou_u2',
    });
  });

  it('stays out of group talk that does not @ the bot', async () => {
    await post(url, messageEvent('大家好', { mentions: [] }));
    await post(url, messageEvent('@_user_1 帮助', { mentions: [{ key: '@_user_1', open_id: 'ou_x', name: '某人' }] }));
    await bot.idle();
    expect(api.sends()).toEqual([]);
  });

  it('records an update once and answers once when Feishu delivers the event again', async () => {
    const event = messageEvent('@_user_1 进展 6.4 +5');
    await post(url, event);
    await until(() => api.sends().length === 1);
    await post(url, event);
    await bot.idle();
    expect(api.sends()).toHaveLength(1);
    expect((await core.store.progress.latestForItem('cixi-2015', '6.4')).get('6.4#1')?.value).toBe(5);
  });

  it('refuses an event with a wrong verification token and does nothing', async () => {
    const res = await post(url, messageEvent('@_user_1 进展 4.3#1 99', { token: 'forged' }));
    expect(res.status).toBe(401);
    await bot.idle();
    expect(api.sends()).toEqual([]);
    expect((await core.store.progress.history('cixi-2015', '4.3')).some((r) => r.value === 99)).toBe(false);
  });

  it('answers the URL verification challenge only with the right token', async () => {
    const ok = await post(url, { type: 'url_verification', token: TOKEN, challenge: 'c-123' });
    expect(await ok.json()).toEqual({ challenge: 'c-123' });
    expect((await post(url, { type: 'url_verification', token: 'nope', challenge: 'c' })).status).toBe(401);
  });

  it('sends plain text when Feishu refuses the card', async () => {
    api.refuseCards = 1;
    await post(url, messageEvent('@_user_1 状态 8.3'));
    await until(() => api.sends().length === 1);
    const sent = api.sends()[0]!;
    expect(api.calls.filter((c) => c.method === 'refused')).toHaveLength(1);
    expect(sent.body.msg_type).toBe('text');
    const text = JSON.parse(content(sent)).text as string;
    expect(text.startsWith('<at user_id="ou_u1"></at>')).toBe(true);
    expect(text).toContain('8.3 推进社会保障提质扩面');
  });

  it('sends a digest to a group chat through im.message.create', async () => {
    await bot.send(
      { platform: 'feishu', channelId: 'oc_group1' },
      { kind: 'info', lang: 'zh', text: ['督办日报 · 测试'], bars: [], citations: [], hints: [], ephemeral: false },
    );
    const sent = api.sends()[0]!;
    expect(sent.path).toBe('/open-apis/im/v1/messages');
    expect(sent.query).toEqual({ receive_id_type: 'chat_id' });
    expect(sent.body).toMatchObject({ receive_id: 'oc_group1', msg_type: 'interactive' });
    expect(content(sent)).toContain('督办日报 · 测试');
  });

  it('lets an admin name an owner by @-mention, and reminds the owner by open_id', async () => {
    core.senders.feishu = (channel, reply) => bot.send(channel, reply);
    const mentions = [
      { key: '@_user_1', open_id: BOT_OPEN_ID, name: '督办' },
      { key: '@_user_2', open_id: 'ou_wq', name: '王强' },
    ];
    await post(url, messageEvent('@_user_1 负责 4.3 @_user_2', { from: 'ou_admin', mentions }));
    await until(() => api.sends().length === 1);
    expect(content(api.sends()[0]!)).toContain('已指定 4.3 提升人才支撑水平 的负责人：王强');
    expect(await core.store.owners.ofUser('feishu', 'ou_wq')).toMatchObject([{ itemId: '4.3', name: '王强' }]);
    await post(url, messageEvent('@_user_1 提醒 4.3', { from: 'ou_admin' }));
    await until(() => api.sends().some((c) => c.query.receive_id_type === 'open_id'));
    const dm = api.sends().find((c) => c.query.receive_id_type === 'open_id')!;
    expect(dm.body.receive_id).toBe('ou_wq');
    expect(content(dm)).toContain('督办提醒');
    expect(content(dm)).toContain('4.3 提升人才支撑水平');
  });

  it('splits a long reply into cards within Feishu’s limits, in order', async () => {
    const paragraphs = Array.from({ length: 70 }, (_, i) => `第${i + 1}段。${'内容'.repeat(20)}`);
    paragraphs.push(`超长段落开始。${'很长的句子。'.repeat(3000)}结尾`);
    await bot.send(
      { platform: 'feishu', channelId: 'oc_group9' },
      {
        kind: 'info',
        lang: 'zh',
        title: '很长的回复',
        text: paragraphs,
        bars: [],
        citations: [],
        hints: [],
        ephemeral: false,
      },
    );
    const cards = api.sends().map((c) => content(c));
    expect(cards.length).toBeGreaterThan(2);
    for (const card of cards) {
      expect(Buffer.byteLength(card)).toBeLessThan(30_000);
      expect((JSON.parse(card) as { elements: unknown[] }).elements.length).toBeLessThanOrEqual(50);
    }
    const all = cards.join('');
    expect(all.indexOf('第1段')).toBeLessThan(all.indexOf('第70段'));
    expect(all.indexOf('第70段')).toBeLessThan(all.indexOf('超长段落开始'));
    expect(all.lastIndexOf('结尾')).toBeGreaterThan(all.indexOf('超长段落开始'));
  });

  it('keeps user text from becoming an @all in a card', async () => {
    await post(url, messageEvent('@_user_1 进展 1.1 <at id=all></at> 请跟进'));
    await until(() => api.sends().length === 1);
    expect(content(api.sends()[0]!)).not.toContain('<at id=all>');
  });
});

describe('Feishu settings', () => {
  it('refuses HTTP mode without an Encrypt Key unless told loudly, and warns at start', async () => {
    const http = { FEISHU_MODE: 'http', FEISHU_PORT: String(await freePort()) };
    expect(() => settings(http)).toThrow('FEISHU_ENCRYPT_KEY');
    expect(() => settings(http)).toThrow('FEISHU_INSECURE_NO_ENCRYPT_KEY=1');
    expect(settings({ ...http, FEISHU_ENCRYPT_KEY: 'k' }).FEISHU_INSECURE_NO_ENCRYPT_KEY).toBe(false);
    const lines: string[] = [];
    const insecure = createFeishuAdapter(
      core.port((line) => lines.push(line)),
      settings({ ...http, FEISHU_INSECURE_NO_ENCRYPT_KEY: '1' }),
    );
    await insecure.start();
    await insecure.stop();
    expect(lines.join('\n')).toContain('WARNING: FEISHU_INSECURE_NO_ENCRYPT_KEY is set, so events are not signed');
  });

  it('is turned on by an App ID and says in one line what a wrong setting should be', () => {
    expect(
      enabledPlatforms({ FEISHU_APP_ID: 'cli_0123456789abcdef', FEISHU_APP_SECRET: 's' }).map((p) => p.platform.name),
    ).toEqual(['feishu']);
    expect(() => platformSettings(feishuPlatform, { FEISHU_APP_ID: 'cli_0123456789abcdef' })).toThrow(
      'FEISHU_APP_SECRET',
    );
    expect(() =>
      platformSettings(feishuPlatform, {
        FEISHU_APP_ID: 'cli_0123456789abcdef',
        FEISHU_APP_SECRET: 's',
        FEISHU_MODE: 'http',
      }),
    ).toThrow('FEISHU_VERIFICATION_TOKEN');
    expect(() => platformSettings(feishuPlatform, { FEISHU_APP_ID: 'app1', FEISHU_APP_SECRET: 's' })).toThrow(
      'FEISHU_APP_ID',
    );
    expect(() => platformSettings(feishuPlatform, { FEISHU_DOMAIN: 'feishu.cn' })).toThrow(
      'feishu, lark, or an http(s) URL',
    );
  });
});

describe('Feishu with an Encrypt Key', () => {
  const KEY = 'encrypt-key-1';
  let encrypted: FeishuAdapter;
  let at: string;
  beforeAll(async () => {
    const port = await freePort();
    encrypted = createFeishuAdapter(
      core.port(() => {}),
      settings({ FEISHU_MODE: 'http', FEISHU_PORT: String(port), FEISHU_ENCRYPT_KEY: KEY }),
      { minIntervalMs: 0 },
    );
    await encrypted.start();
    at = `http://127.0.0.1:${port}/feishu/events`;
  });
  afterAll(() => encrypted.stop());

  let nonces = 0;
  /** Feishu's headers for a body: a new nonce each time, stamped now unless `skewMs` says otherwise. */
  function signed(body: string, key = KEY, skewMs = 0) {
    const timestamp = String(Math.floor((Date.now() + skewMs) / 1000));
    const nonce = `n-${++nonces}`;
    return {
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': feishuSignature(timestamp, nonce, key, body),
    };
  }

  it('decrypts a signed event and answers it; refuses a bad signature', async () => {
    const body = { encrypt: encryptEvent(messageEvent('@_user_1 人才团队的引进目标是多少？'), KEY) };
    const raw = JSON.stringify(body);
    expect((await post(at, body, signed(raw, 'other-key'))).status).toBe(401);
    await encrypted.idle();
    expect(api.sends()).toEqual([]);
    expect((await post(at, body, signed(raw))).status).toBe(200);
    await until(() => api.sends().length === 1);
    expect(content(api.sends()[0]!)).toContain('25个以上');
  });

  it('refuses an event stamped more than five minutes away, or sent again, and does nothing', async () => {
    const forge = (text: string) => {
      const body = { encrypt: encryptEvent(messageEvent(`@_user_1 ${text}`, { from: 'ou_admin' }), KEY) };
      return { body, raw: JSON.stringify(body) };
    };
    const old = forge('进展 4.3#1 91');
    expect((await post(at, old.body, signed(old.raw, KEY, -365 * 24 * 3600_000))).status).toBe(401);
    const early = forge('进展 4.3#1 92');
    expect((await post(at, early.body, signed(early.raw, KEY, 6 * 60_000))).status).toBe(401);
    const unsigned = forge('进展 4.3#1 93');
    expect((await post(at, unsigned.body)).status).toBe(401);
    await bot.idle();
    expect(api.sends()).toEqual([]);
    const once = forge('进展 4.3#1 +4');
    const headers = signed(once.raw, KEY, -4 * 60_000);
    expect((await post(at, once.body, headers)).status).toBe(200);
    await until(() => api.sends().length === 1);
    expect((await post(at, once.body, headers)).status).toBe(401);
    await bot.idle();
    expect(api.sends()).toHaveLength(1);
    const byAdmin = (await core.store.progress.history('cixi-2015', '4.3')).filter((r) => r.userId === 'ou_admin');
    expect(byAdmin.map((r) => r.rawText)).toEqual(['进展 4.3#1 +4']);
  });
});

describe('Feishu over the long connection', () => {
  it('answers an event frame given to the dispatcher it hands the WSClient, without a connection', async () => {
    const ws = createFeishuAdapter(
      core.port(() => {}),
      settings({ FEISHU_MODE: 'ws' }),
      { minIntervalMs: 0 },
    );
    // The payload of a frame as the long connection delivers it, passed on as the WSClient does.
    const frame = messageEvent('@_user_1 人才团队的引进目标是多少？');
    await ws.dispatcher.invoke(frame, { needCheck: false });
    await until(() => api.sends().length === 1);
    expect(content(api.sends()[0]!)).toContain('25个以上');
    await ws.dispatcher.invoke(frame, { needCheck: false });
    await ws.idle();
    expect(api.sends()).toHaveLength(1);
  });
});
