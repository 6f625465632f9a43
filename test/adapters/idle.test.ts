/**
 * An adapter says it is idle only once every message it took in has been answered: a "nothing was
 * sent" check made then is made when the adapter is done, however slow the answer (it used to be
 * made after a fixed 300 ms, which passed whenever the adapter was merely slow).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signOf } from '../../src/adapters/dingtalk/callback.js';
import { dingtalk } from '../../src/adapters/dingtalk/platform.js';
import { createDingtalkAdapter, type DingtalkAdapter } from '../../src/adapters/dingtalk/robot.js';
import { platformSettings } from '../../src/adapters/registry.js';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/app.js';
import { slack as slackPlatform } from '../../src/adapters/slack/platform.js';
import type { ChatPort } from '../../src/bot/port.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { FakeDingtalkApi } from '../fakes/dingtalk-api.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { sendSigned } from '../fakes/slack-signing.js';
import { freePort, until } from '../fakes/wait.js';

const SECRET = 'idle-secret';
/** The app secret the fake DingTalk API issues tokens for. */
const DT_SECRET = 'dt-secret';
let core: TestCore;

/** A core that holds every answer until the test lets it go. */
function heldPort() {
  const port = core.port(() => {});
  let release!: () => void;
  const held = new Promise<void>((r) => {
    release = r;
  });
  const state = { asked: 0, release };
  const slow: ChatPort = {
    ...port,
    handle: async (message) => {
      state.asked++;
      await held;
      return port.handle(message);
    },
  };
  return { port: slow, state };
}

/** Whether `promise` is done by the time everything already queued has run. */
async function doneYet(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await new Promise((r) => setImmediate(r));
  return done;
}

beforeAll(async () => {
  core = await testCore();
});

describe('Slack', () => {
  const api = new FakeSlackApi();
  let slack: SlackAdapter;
  let url: string;
  let state: ReturnType<typeof heldPort>['state'];
  beforeAll(async () => {
    const apiUrl = await api.start();
    const port = await freePort();
    const held = heldPort();
    state = held.state;
    const env = { SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: apiUrl };
    slack = createSlackAdapter(held.port, platformSettings(slackPlatform, { ...env, SLACK_PORT: String(port) }), {
      minIntervalMs: 0,
    });
    await slack.start();
    url = `http://127.0.0.1:${port}/slack/events`;
  });
  afterAll(async () => {
    await slack.stop();
    await api.stop();
  });

  it('is idle at once with nothing taken in, and after a slow answer only once it is posted', async () => {
    await slack.idle();
    const mention = { type: 'app_mention', user: 'U1', text: '<@UBOT> 帮助', ts: '1.1', channel: 'C1' };
    const body = JSON.stringify({ type: 'event_callback', team_id: 'T1', event_id: 'Ev1', event: mention });
    expect((await sendSigned(url, SECRET, body)).status).toBe(200);
    const idle = slack.idle();
    await until(() => state.asked === 1, 5000, 'the core to be asked');
    expect(await doneYet(idle)).toBe(false);
    state.release();
    await idle;
    expect(api.posts()).toHaveLength(1);
    expect(String(api.posts()[0]!.args.text)).toContain('督办');
  });
});

describe('DingTalk', () => {
  const api = new FakeDingtalkApi();
  let robot: DingtalkAdapter;
  let url: string;
  let state: ReturnType<typeof heldPort>['state'];
  beforeAll(async () => {
    await api.start();
    const port = await freePort();
    const held = heldPort();
    state = held.state;
    const env = {
      DINGTALK_CLIENT_ID: 'app',
      DINGTALK_CLIENT_SECRET: DT_SECRET,
      DINGTALK_MODE: 'http',
      DINGTALK_API_URL: api.url,
    };
    robot = createDingtalkAdapter(held.port, platformSettings(dingtalk, { ...env, DINGTALK_PORT: String(port) }), {
      minIntervalMs: 0,
    });
    await robot.start();
    url = `http://127.0.0.1:${port}/dingtalk/events`;
  });
  afterAll(async () => {
    await robot.stop();
    await api.stop();
  });

  it('is idle only once a slow answer has been sent', async () => {
    const timestamp = String(Date.now());
    const message = {
      msgId: 'm1',
      msgtype: 'text',
      text: { content: '帮助' },
      conversationType: '1',
      conversationId: 'cid1',
      senderId: 's1',
      senderStaffId: 's1',
      senderNick: '张三',
      sessionWebhook: api.webhook('m1'),
      sessionWebhookExpiredTime: Date.now() + 3600_000,
    };
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', timestamp, sign: signOf(timestamp, DT_SECRET) },
      body: JSON.stringify(message),
    });
    expect(res.status).toBe(200);
    const idle = robot.idle();
    await until(() => state.asked === 1, 5000, 'the core to be asked');
    expect(await doneYet(idle)).toBe(false);
    state.release();
    await idle;
    expect(api.replies()).toHaveLength(1);
  });
});
