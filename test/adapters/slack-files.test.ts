import ExcelJS from 'exceljs';
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

beforeAll(async () => {
  const apiUrl = await api.start();
  const port = await freePort();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: apiUrl,
    SLACK_PORT: `${port}`,
  };
  core = await testCore({ ...env, DUBAN_ADMINS: 'slack:UADMIN' }, new Date().toISOString());
  await core.say('进展 4.3#1 12', { userName: '张三' });
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
});
// Each test starts with the last one's replies all sent, so none of them is counted as this test's.
beforeEach(async () => {
  await slack.idle();
  api.calls = [];
  api.uploads = [];
  api.refuseFiles = false;
});

describe('Slack files', () => {
  it('uploads the workbook of 导出 into the thread, through files.uploadV2', async () => {
    const res = await sendSigned(url, SECRET, mention('UADMIN', '导出 周', '300.1'));
    expect(res.status).toBe(200);
    await until(() => api.uploads.some((u) => u.channel));
    const methods = api.calls.map((c) => c.method).filter((m) => m !== 'users.info');
    expect(methods).toEqual([
      'chat.postMessage',
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    expect(String(api.posts()[0]!.args.text)).toMatch(/导出 duban-week-\d{4}-\d{2}-\d{2}\.xlsx/);
    const [file] = api.uploads;
    expect(file).toMatchObject({ channel: 'C1', threadTs: '300.1', title: expect.stringContaining('督办周报') });
    expect(file!.filename).toMatch(/^duban-week-.*\.xlsx$/);
    expect(file!.data!.length).toBe(file!.length);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file!.data as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['cixi-2015', '进展记录', '责任人']);
    expect(book.getWorksheet('进展记录')!.getRow(2).getCell(9).value).toBe(12);
  });

  it('uploads to the channel for /duban export', async () => {
    const body = new URLSearchParams({
      command: '/duban',
      text: 'export',
      user_id: 'UADMIN',
      user_name: 'boss',
      channel_id: 'C2',
      channel_name: 'general',
      trigger_id: 'trig-files-1',
      team_id: 'T1',
      response_url: 'http://127.0.0.1:9/unused',
    }).toString();
    await sendSigned(url, SECRET, body, { contentType: 'application/x-www-form-urlencoded' });
    await until(() => api.uploads.some((u) => u.channel));
    expect(api.uploads[0]).toMatchObject({
      channel: 'C2',
      threadTs: undefined,
      title: expect.stringContaining('monthly'),
    });
    expect(api.uploads[0]!.filename).toMatch(/^duban-month-\d{4}-\d{2}\.xlsx$/);
  });

  it('refuses 导出 to someone who is not an admin, uploading nothing', async () => {
    await sendSigned(url, SECRET, mention('U1', '导出', '300.2'));
    await until(() => api.posts().length === 1);
    expect(api.posts()[0]).toMatchObject({ method: 'chat.postEphemeral', args: { user: 'U1' } });
    expect(String(api.posts()[0]!.args.text)).toContain('只有管理员');
    await slack.idle();
    expect(api.uploads).toEqual([]);
  });

  it('says so in the thread when Slack refuses the file', async () => {
    api.refuseFiles = true;
    await sendSigned(url, SECRET, mention('UADMIN', '导出', '300.3'));
    await until(() => api.posts().length === 2);
    expect(api.posts()[1]!.args).toMatchObject({ channel: 'C1', thread_ts: '300.3' });
    expect(String(api.posts()[1]!.args.text)).toContain('这里发不了文件 duban-month-');
  });
});
