import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { platformSettings } from '../../src/adapters/registry.js';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/app.js';
import { slack as slack_ } from '../../src/adapters/slack/platform.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { sendSigned } from '../fakes/slack-signing.js';
import { freePort, until } from '../fakes/wait.js';

const SECRET = 'test-signing-secret';
const api = new FakeSlackApi();
let core: TestCore;
let slack: SlackAdapter;
let url: string;
let apiUrl: string;
let n = 0;

function slackSettings(port: number) {
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
    SLACK_PORT: String(port),
  };
  return platformSettings(slack_, env);
}

/** A message from U1 in a thread of channel C1, with no mention of the bot. */
function inThread(text: string, ts: string, threadTs: string) {
  return event({ type: 'message', channel_type: 'channel', user: 'U1', text, ts, thread_ts: threadTs, channel: 'C1' });
}

function event(ev: Record<string, unknown>, eventId = `Ev${++n}`) {
  return JSON.stringify({
    token: 'x',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1,
    event: ev,
    authorizations: [{ user_id: 'UBOT', is_bot: true }],
  });
}

beforeAll(async () => {
  apiUrl = await api.start();
  const port = await freePort();
  core = await testCore({
    DUBAN_ADMINS: 'slack:UADMIN',
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
    SLACK_PORT: String(port),
  });
  const settings = slackSettings(port);
  slack = createSlackAdapter(
    core.port(() => {}),
    settings,
    { minIntervalMs: 0 },
  );
  await slack.start();
  url = `http://127.0.0.1:${port}/slack/events`;
});
afterAll(async () => {
  await slack.stop();
  await api.stop();
});
// Each test starts with the last one's replies all sent, so none of them is counted as this test's.
beforeEach(async () => {
  await slack.idle();
  api.calls = [];
});

describe('Slack', () => {
  it('answers an @mention in the thread of the message, as Block Kit with a fallback', async () => {
    const res = await sendSigned(
      url,
      SECRET,
      event({
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> 人才团队的引进目标是多少？',
        ts: '100.1',
        channel: 'C1',
      }),
    );
    expect(res.status).toBe(200);
    await until(() => api.posts().length === 1);
    const post = api.posts()[0]!.args;
    expect(post).toMatchObject({ channel: 'C1', thread_ts: '100.1' });
    expect(String(post.text)).toContain('4.3 提升人才支撑水平');
    const blocks = post.blocks as { type: string; text?: { text: string } }[];
    expect(blocks.some((b) => b.text?.text.includes('*争取引进领军人才及团队25个以上*'))).toBe(true);
    expect(blocks.at(-1)!.type).toBe('context');
  });

  it.each([
    ['<@UBOT> 进展 4.3#2 <@U024BE7LH> 负责', '没有读到数值'],
    ['<@UBOT> 进展 4.3#2 见 <#C123|general>', '没有读到数值'],
    ['<@UBOT> 进展 4.3 到了15个', '4.3 有2个目标'],
  ])('reads no value out of a mention, a channel or a name: %s', async (text, message) => {
    const before = await core.store.progress.count();
    await sendSigned(url, SECRET, event({ type: 'app_mention', user: 'U1', text, ts: `${++n}.5`, channel: 'C1' }));
    await until(() => api.posts().length === 1);
    expect(JSON.stringify(api.posts()[0]!.args)).toContain(message);
    expect(await core.store.progress.count()).toBe(before);
  });

  it.each([
    ['<@UBOT> 进展 4.4 <!channel> 今天下午开会', '<!channel>'],
    ['<@UBOT> 状态 <!here>', '<!here>'],
    ['<@UBOT> 进展 1.1 请 <@U999> 和 <#C9|all> 跟进', '<@U999>'],
  ])('keeps user text inert in every field it posts: %s', async (text, live) => {
    await sendSigned(url, SECRET, event({ type: 'app_mention', user: 'U1', text, ts: `${++n}.7`, channel: 'C1' }));
    await until(() => api.posts().length === 1);
    const { text: fallback, blocks } = api.posts()[0]!.args as { text: string; blocks: unknown };
    expect(fallback).not.toContain(live);
    expect(JSON.stringify(blocks)).not.toContain(live);
    expect(fallback).toContain(live.replace('<', '&lt;').replace('>', '&gt;'));
  });

  it('refuses a request stamped more than five minutes ahead, or behind', async () => {
    for (const skewSeconds of [6 * 60, -6 * 60]) {
      const body = event({
        type: 'app_mention',
        user: 'U1',
        text: '<@UBOT> 进展 4.3#1 9',
        ts: `${++n}.8`,
        channel: 'C1',
      });
      const res = await sendSigned(url, SECRET, body, { skewSeconds });
      expect(res.status).toBe(401);
    }
    const fine = event({ type: 'app_mention', user: 'U1', text: '<@UBOT> 帮助', ts: `${++n}.8`, channel: 'C1' });
    expect((await sendSigned(url, SECRET, fine, { skewSeconds: 4 * 60 })).status).toBe(200);
    await until(() => api.posts().length === 1);
  });

  it('refuses a body over 1 MB before reading it whole', async () => {
    const huge = event({
      type: 'app_mention',
      user: 'U1',
      text: `<@UBOT> ${'很'.repeat(600000)}`,
      ts: `${++n}.9`,
      channel: 'C1',
    });
    expect((await sendSigned(url, SECRET, huge)).status).toBe(413);
    expect(api.posts()).toHaveLength(0);
  });

  it('answers a direct message, with the sender’s name on the record', async () => {
    await sendSigned(
      url,
      SECRET,
      event({ type: 'message', channel_type: 'im', user: 'U2', text: '进展 4.3#1 7', ts: '200.1', channel: 'D1' }),
    );
    await until(() => api.posts().length === 1);
    expect(api.posts()[0]!.args).toMatchObject({ channel: 'D1' });
    expect(String(api.posts()[0]!.args.text)).toContain('7/25个，28%');
    expect((await core.store.progress.history('cixi-2015', '4.3'))[0]).toMatchObject({
      userId: 'U2',
      userName: '显示U2',
      platform: 'slack',
    });
  });

  it('runs /duban after acknowledging it at once', async () => {
    const body = new URLSearchParams({
      command: '/duban',
      text: '状态 4.3',
      user_id: 'U3',
      user_name: 'wang',
      channel_id: 'C2',
      channel_name: 'general',
      trigger_id: 'trig-1',
      team_id: 'T1',
      response_url: 'http://127.0.0.1:9/unused',
    }).toString();
    const res = await sendSigned(url, SECRET, body, { contentType: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
    await until(() => api.posts().length === 1);
    expect(api.posts()[0]!.args).toMatchObject({ channel: 'C2' });
    expect(String(api.posts()[0]!.args.text)).toContain('4.3 提升人才支撑水平');
  });

  it('answers an empty /duban with how to use it, in the core (not a rule of the adapter)', async () => {
    const body = new URLSearchParams({
      command: '/duban',
      text: '',
      user_id: 'U3',
      user_name: 'wang',
      channel_id: 'C2',
      channel_name: 'general',
      trigger_id: 'trig-2',
      team_id: 'T1',
      response_url: 'http://127.0.0.1:9/unused',
    }).toString();
    await sendSigned(url, SECRET, body, { contentType: 'application/x-www-form-urlencoded' });
    await until(() => api.posts().length === 1);
    expect(String(api.posts()[0]!.args.text)).toContain('督办 · 用法');
    expect((await core.bot.handle({ platform: 'cli', userId: 'u', text: '  ' })).text.join('')).toContain(
      '督办 · 用法',
    );
  });

  it('refuses a request with a bad signature and does nothing', async () => {
    const res = await sendSigned(
      url,
      SECRET,
      event({ type: 'app_mention', user: 'U1', text: '<@UBOT> 进展 4.3#1 99', ts: '300.1', channel: 'C1' }),
      { badSignature: true },
    );
    expect(res.status).toBe(401);
    await slack.idle();
    expect(api.posts()).toEqual([]);
    expect((await core.store.progress.history('cixi-2015', '4.3')).some((r) => r.value === 99)).toBe(false);
  });

  it('records a retried event once and answers once', async () => {
    const body = event(
      { type: 'app_mention', user: 'U1', text: '<@UBOT> 进展 6.4 +5', ts: '400.1', channel: 'C1' },
      'EvRetry',
    );
    await sendSigned(url, SECRET, body);
    await sendSigned(url, SECRET, body, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    await until(() => api.posts().length >= 1);
    await slack.idle();
    expect(api.posts()).toHaveLength(1);
    expect((await core.store.progress.latestForItem('cixi-2015', '6.4')).get('6.4#1')?.value).toBe(5);
  });

  it('answers once when Slack sends both message and app_mention for one post', async () => {
    await sendSigned(
      url,
      SECRET,
      event({
        type: 'message',
        channel_type: 'channel',
        user: 'U1',
        text: '<@UBOT> 公交IC卡系统',
        ts: '500.1',
        channel: 'C1',
      }),
    );
    await sendSigned(
      url,
      SECRET,
      event({ type: 'app_mention', user: 'U1', text: '<@UBOT> 公交IC卡系统', ts: '500.1', channel: 'C1' }),
    );
    await until(() => api.posts().length >= 1);
    await slack.idle();
    expect(api.posts()).toHaveLength(1);
  });

  it('follows up in a thread it answered without a new mention, and stays out of other threads', async () => {
    await sendSigned(
      url,
      SECRET,
      event({ type: 'app_mention', user: 'U1', text: '<@UBOT> 帮助', ts: '600.1', channel: 'C1' }),
    );
    await until(() => api.posts().length === 1);
    await sendSigned(url, SECRET, inThread('状态 8.3', '600.2', '600.1'));
    await until(() => api.posts().length === 2);
    expect(api.posts()[1]!.args).toMatchObject({ thread_ts: '600.1' });
    expect(String(api.posts()[1]!.args.text)).toContain('8.3 推进社会保障提质扩面');
    // a restarted app (same data dir) still knows the thread
    const port = await freePort();
    const restarted = createSlackAdapter(
      core.port(() => {}),
      slackSettings(port),
      { minIntervalMs: 0 },
    );
    await restarted.start();
    await sendSigned(`http://127.0.0.1:${port}/slack/events`, SECRET, inThread('帮助', '600.3', '600.1'));
    await until(() => api.posts().length === 3);
    await restarted.stop();
    await sendSigned(url, SECRET, inThread('状态 8.3', '700.2', '700.1'));
    await sendSigned(
      url,
      SECRET,
      event({ type: 'message', channel_type: 'channel', user: 'U1', text: '随便聊聊', ts: '701.1', channel: 'C1' }),
    );
    await slack.idle();
    expect(api.posts()).toHaveLength(3);
  });

  it('ignores its own and other bots’ messages', async () => {
    await sendSigned(
      url,
      SECRET,
      event({ type: 'message', channel_type: 'im', user: 'UBOT', text: '帮助', ts: '800.1', channel: 'D1' }),
    );
    await sendSigned(
      url,
      SECRET,
      event({
        type: 'message',
        channel_type: 'im',
        bot_id: 'B2',
        user: 'U9',
        text: '帮助',
        ts: '800.2',
        channel: 'D1',
      }),
    );
    await sendSigned(
      url,
      SECRET,
      event({ type: 'message', subtype: 'bot_message', channel_type: 'im', text: '帮助', ts: '800.3', channel: 'D1' }),
    );
    await slack.idle();
    expect(api.posts()).toEqual([]);
  });

  it('splits an oversized reply within Slack’s limits, in order', async () => {
    const paragraphs = Array.from({ length: 60 }, (_, i) => `第${i + 1}段。${'内容'.repeat(20)}`);
    paragraphs.push(`超长段落开始。${'很长的句子。'.repeat(1200)}结尾`);
    await slack.send(
      { platform: 'slack', channelId: 'C9' },
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
    const posts = api.posts();
    expect(posts.length).toBeGreaterThan(1);
    for (const p of posts) {
      const blocks = p.args.blocks as { text?: { text: string } }[];
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const b of blocks) expect((b.text?.text ?? '').length).toBeLessThanOrEqual(3000);
      expect(String(p.args.text).length).toBeLessThanOrEqual(3000);
    }
    const all = posts
      .flatMap((p) => (p.args.blocks as { text?: { text: string } }[]).map((b) => b.text?.text ?? ''))
      .join('\n');
    expect(all.indexOf('第1段')).toBeLessThan(all.indexOf('第60段'));
    expect(all.indexOf('第60段')).toBeLessThan(all.indexOf('超长段落开始'));
    expect(all.endsWith('结尾')).toBe(true);
  });

  it('sends an error meant for one person as an ephemeral message', async () => {
    await sendSigned(
      url,
      SECRET,
      event({ type: 'app_mention', user: 'U1', text: '<@UBOT> 进展 9.9 3', ts: '950.1', channel: 'C1' }),
    );
    await until(() => api.posts().length === 1);
    expect(api.posts()[0]).toMatchObject({ method: 'chat.postEphemeral', args: { channel: 'C1', user: 'U1' } });
  });

  it('waits out a 429 with Retry-After and still delivers', async () => {
    api.rateLimitNext = 1;
    await slack.send(
      { platform: 'slack', channelId: 'C5' },
      { kind: 'info', lang: 'zh', text: ['日报'], bars: [], citations: [], hints: [], ephemeral: false },
    );
    expect(api.calls.map((c) => c.method)).toEqual(['rate-limited', 'chat.postMessage']);
    expect(api.calls[1]!.at - api.calls[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it('assigns an owner by a Slack mention, with their display name, and reminds them in a direct message', async () => {
    core.senders.slack = (channel, reply) => slack.send(channel, reply);
    const mention = (text: string, ts: string) =>
      sendSigned(url, SECRET, event({ type: 'app_mention', user: 'UADMIN', text, ts, channel: 'C1' }));
    await mention('<@UBOT> 负责 4.3 <@U2>', `${++n}.8`);
    await until(() => api.posts().length === 1);
    expect(String(api.posts()[0]!.args.text)).toContain('已指定 4.3 提升人才支撑水平 的负责人：显示U2');
    expect(await core.store.owners.ofUser('slack', 'U2')).toMatchObject([{ itemId: '4.3', name: '显示U2' }]);
    await mention('<@UBOT> 提醒 4.3', `${++n}.8`);
    await until(() => api.posts().some((p) => p.args.channel === 'U2'));
    const dm = api.posts().find((p) => p.args.channel === 'U2')!.args;
    expect(String(dm.text)).toContain('4.3 提升人才支撑水平');
    expect(JSON.stringify(dm.blocks)).toContain('督办提醒');
  });
});
