import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { sendSigned } from '../fakes/slack-signing.js';
import { tempDir } from '../fakes/tmp.js';
import { freePort, until } from '../fakes/wait.js';

const api = new FakeSlackApi();
let apiUrl: string;
beforeAll(async () => {
  apiUrl = await api.start();
});
afterAll(() => api.stop());

describe('npm start with Slack configured', () => {
  it('runs the Slack app instead of the console, answers a signed mention, and stops on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [resolve(import.meta.dirname, '../../bin/duban.js'), 'start'], {
      env: {
        PATH: process.env.PATH ?? '',
        DUBAN_DATA_DIR: tempDir(),
        SLACK_BOT_TOKEN: 'xoxb-test',
        SLACK_SIGNING_SECRET: 's3cret',
        SLACK_API_URL: apiUrl,
        SLACK_PORT: String(port),
        DUBAN_WEB_PORT: '0',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    await until(() => out.includes('duban is running') || child.exitCode !== null, 15000, 'duban to start');
    expect(out).toContain('duban is running');
    expect(out).toContain('listening on port');
    expect(out).toMatch(/duban dashboard \(read only\): http:\/\/127\.0\.0\.1:\d+\//);
    expect(out).not.toContain('督办>');
    const body = JSON.stringify({
      type: 'event_callback',
      event_id: 'E1',
      team_id: 'T1',
      event: { type: 'app_mention', user: 'U1', text: '<@UBOT> 就业岗位新增多少个', ts: '1.1', channel: 'C1' },
    });
    expect((await sendSigned(`http://127.0.0.1:${port}/slack/events`, 's3cret', body)).status).toBe(200);
    await until(() => api.posts().length > 0, 15000, 'a reply posted');
    expect(String(api.posts()[0]!.args.text)).toContain('2.2万个');
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
  });
});
