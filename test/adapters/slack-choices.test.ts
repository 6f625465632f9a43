/** Asking back in Slack: a button for each choice, and a tap on one answers it, through the real Bolt receiver. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { platformSettings } from '../../src/adapters/registry.js';
import { createSlackAdapter, type SlackAdapter } from '../../src/adapters/slack/app.js';
import { slack as slackPlatform } from '../../src/adapters/slack/platform.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { sendSigned } from '../fakes/slack-signing.js';
import { freePort, until } from '../fakes/wait.js';

const SECRET = 'test-signing-secret';
const api = new FakeSlackApi();
let core: TestCore;
let slack: SlackAdapter;
let url: string;
let n = 0;

function mention(user: string, text: string, ts: string) {
  return JSON.stringify({
    token: 'x',
    team_id: 'T1',
    api_app_id: 'A1',
    type: 'event_callback',
    event_id: `Ev${++n}`,
    event_time: 1,
    event: { type: 'app_mention', user, text: `<@UBOT> ${text}`, ts, channel: 'C1' },
    authorizations: [{ user_id: 'UBOT', is_bot: true }],
  });
}

/** A tap on a button, as Slack posts it: a form with one `payload` field. */
function tap(user: string, button: { action_id: string; value: string }, threadTs: string) {
  const payload = {
    type: 'block_actions',
    token: 'x',
    api_app_id: 'A1',
    team: { id: 'T1', domain: 't' },
    user: { id: user, name: user },
    channel: { id: 'C1', name: 'general' },
    container: { type: 'message', message_ts: `${threadTs}1`, channel_id: 'C1' },
    message: { type: 'message', ts: `${threadTs}1`, thread_ts: threadTs, text: '' },
    trigger_id: `trig-${++n}`,
    response_url: 'http://127.0.0.1:9/unused',
    actions: [{ ...button, type: 'button', block_id: 'b1', action_ts: `${1700000000 + n}.1` }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

type Button = { type: string; action_id: string; value: string; text: { text: string } };

beforeAll(async () => {
  const apiUrl = await api.start();
  const port = await freePort();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
    SLACK_PORT: `${port}`,
  };
  core = await testCore(env);
  slack = createSlackAdapter(
    core.port(() => {}),
    platformSettings(slackPlatform, env),
    { minIntervalMs: 0 },
  );
  await slack.start();
  url = `http://127.0.0.1:${port}/slack/events`;
});
afterAll(async () => {
  await slack.stop();
  await api.stop();
  await core.close();
});
beforeEach(() => {
  api.calls = [];
});

describe('Slack, asking back', () => {
  it('shows a button for each choice; a tap by the asker answers that item in the thread', async () => {
    await sendSigned(url, SECRET, mention('U1', 'what about exprot growth this year', '300.1'));
    await until(() => api.posts().length === 1);
    const blocks = api.posts()[0]!.args.blocks as { type: string; elements?: Button[] }[];
    const buttons = blocks.find((b) => b.type === 'actions')!.elements!;
    expect(buttons.map((b) => [b.value, b.text.text.slice(0, 6)])).toEqual([
      ['1', '1. 1.3'],
      ['2', '2. 1.2'],
      ['3', '3. 4 立'],
    ]);
    api.calls = [];
    const res = await sendSigned(url, SECRET, tap('U1', buttons[1]!, '300.1'), {
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    await until(() => api.posts().length === 1);
    const answer = api.posts()[0]!.args;
    expect(answer).toMatchObject({ channel: 'C1', thread_ts: '300.1' });
    expect(String(answer.text)).toContain('Item 1.2');
  });

  it('reads a tap by someone else as their own message, not the asker’s choice', async () => {
    await sendSigned(url, SECRET, mention('U1', 'what about exprot growth this year', '301.1'));
    await until(() => api.posts().length === 1);
    const blocks = api.posts()[0]!.args.blocks as { type: string; elements?: Button[] }[];
    const second = blocks.find((b) => b.type === 'actions')!.elements![1]!;
    api.calls = [];
    await sendSigned(url, SECRET, tap('U2', second, '301.1'), { contentType: 'application/x-www-form-urlencoded' });
    await until(() => api.posts().length === 1);
    expect(String(api.posts()[0]!.args.text)).not.toContain('Item 1.2');
    api.calls = [];
    await sendSigned(url, SECRET, tap('U1', second, '301.1'), { contentType: 'application/x-www-form-urlencoded' });
    await until(() => api.posts().length === 1);
    expect(String(api.posts()[0]!.args.text)).toContain('Item 1.2');
  });
});
