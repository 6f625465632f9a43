import { describe, expect, it } from 'vitest';
import { enabledPlatforms } from '../src/adapters/registry.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { duban } from './cli/run.js';
import { tempDir } from './fakes/tmp.js';

describe('configuration', () => {
  it('has working defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c.DUBAN_TZ).toBe('Asia/Shanghai');
    expect(c.DUBAN_DIGEST_CRON).toBe('0 9 * * *');
    expect(c.DUBAN_UPDATERS).toEqual([]);
  });

  it('reads lists separated by commas', () => {
    expect(loadConfig({ DUBAN_ADMINS: 'slack:U1, wechat:wxid_2,cli:ops' }).DUBAN_ADMINS).toEqual([
      'slack:U1',
      'wechat:wxid_2',
      'cli:ops',
    ]);
  });

  it('takes people only as platform-qualified ids, saying how to write them', () => {
    expect(() => loadConfig({ DUBAN_ADMINS: 'a1' })).toThrow(/DUBAN_ADMINS="a1".*slack:U0123ABCD.*whoami/);
    expect(() => loadConfig({ DUBAN_UPDATERS: 'slack:U1,u2' })).toThrow(/DUBAN_UPDATERS="slack:U1,u2"/);
  });

  it.each([
    ['DUBAN_TZ', 'Mars/Base', /DUBAN_TZ="Mars\/Base".*time zone/],
    ['DUBAN_STALE_DAYS', '-3', /DUBAN_STALE_DAYS="-3"/],
    ['DUBAN_LLM_BASE_URL', 'not a url', /DUBAN_LLM_BASE_URL="not a url".*URL/],
  ])('refuses %s=%s in one line naming the setting and value', (key, value, message) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(message);
  });

  it.each([
    ['SLACK_PORT', 'eighty', /SLACK_PORT="eighty"/],
    ['WECHAT_DAILY_CAP', '0', /WECHAT_DAILY_CAP="0"/],
  ])('a platform refuses %s=%s in one line naming the setting and value', (key, value, message) => {
    expect(() => enabledPlatforms({ [key]: value })).toThrow(ConfigError);
    expect(() => enabledPlatforms({ [key]: value })).toThrow(message);
  });

  it('turns on Slack only with a bot token, and asks for the signing secret in HTTP mode', () => {
    expect(enabledPlatforms({}).map((p) => p.platform.name)).toEqual([]);
    expect(() => enabledPlatforms({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow(/SLACK_SIGNING_SECRET=""/);
    const on = enabledPlatforms({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      WECHATY_PUPPET: 'wechaty-puppet-mock',
    });
    expect(on.map((p) => p.platform.name)).toEqual(['slack', 'wechat']);
  });

  it('asks for both LLM settings, not one', () => {
    expect(() => loadConfig({ DUBAN_LLM_BASE_URL: 'http://127.0.0.1:9/v1' })).toThrow(/DUBAN_LLM_MODEL/);
  });
});

describe('digest settings', () => {
  it('takes channels as platform:channel and refuses other forms', () => {
    expect(loadConfig({ DUBAN_DIGEST_CHANNELS: 'slack:C0123,wechat:督办工作群' }).DUBAN_DIGEST_CHANNELS).toEqual([
      'slack:C0123',
      'wechat:督办工作群',
    ]);
    expect(() => loadConfig({ DUBAN_DIGEST_CHANNELS: 'C0123' })).toThrow(
      /DUBAN_DIGEST_CHANNELS="C0123".*platform:channel/,
    );
  });

  it('refuses a cron expression croner cannot read', () => {
    expect(() => loadConfig({ DUBAN_DIGEST_CRON: 'every morning' })).toThrow(/DUBAN_DIGEST_CRON="every morning"/);
  });
});

describe('secret settings in errors', () => {
  it.each([
    [
      'DUBAN_WEB_TOKEN',
      'short-secret',
      /DUBAN_WEB_TOKEN=\(hidden, 12 characters\) is not allowed: expected a secret of at least 16/,
    ],
    [
      'DUBAN_WEB_URL',
      'https://admin:hunter2@duban.example.gov',
      /DUBAN_WEB_URL="https:\/\/admin:…@duban\.example\.gov".*without a user or password/,
    ],
    [
      'DUBAN_LLM_BASE_URL',
      'https://sk-hunter2@llm.example.gov:99999/v1',
      /DUBAN_LLM_BASE_URL="https:\/\/…@llm\.example\.gov:99999\/v1"/,
    ],
    [
      'DUBAN_DATABASE_URL',
      'mysql://duban:hunter2@db.example.gov/duban',
      /DUBAN_DATABASE_URL="mysql:\/\/duban:…@db\.example\.gov\/duban"/,
    ],
  ])('refuses %s without repeating the secret', async (key, value, message) => {
    const r = await duban(['tasks'], { env: { DUBAN_DATA_DIR: tempDir(), [key]: value } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/short-secret|hunter2/);
  });
});

describe('plan dates', () => {
  it('takes only days in the calendar', () => {
    expect(loadConfig({ DUBAN_PLAN_END: '2015-12-31' }).DUBAN_PLAN_END).toBe('2015-12-31');
    expect(() => loadConfig({ DUBAN_PLAN_END: '2015-02-30' })).toThrow(
      /DUBAN_PLAN_END="2015-02-30" is not allowed: expected a real day as YYYY-MM-DD/,
    );
  });
});
