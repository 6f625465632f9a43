import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('has working defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c.DUBAN_TZ).toBe('Asia/Shanghai');
    expect(c.DUBAN_DIGEST_CRON).toBe('0 9 * * *');
    expect(c.DUBAN_UPDATERS).toEqual([]);
  });

  it('reads lists separated by commas', () => {
    expect(loadConfig({ DUBAN_ADMINS: 'U1, U2,U3' }).DUBAN_ADMINS).toEqual(['U1', 'U2', 'U3']);
  });

  it.each([
    ['DUBAN_TZ', 'Mars/Base', /DUBAN_TZ="Mars\/Base".*time zone/],
    ['SLACK_PORT', 'eighty', /SLACK_PORT="eighty"/],
    ['DUBAN_STALE_DAYS', '-3', /DUBAN_STALE_DAYS="-3"/],
    ['DUBAN_LLM_BASE_URL', 'not a url', /DUBAN_LLM_BASE_URL="not a url".*URL/],
  ])('refuses %s=%s in one line naming the setting and value', (key, value, message) => {
    expect(() => loadConfig({ [key]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [key]: value })).toThrow(message);
  });

  it('asks for both LLM settings, not one', () => {
    expect(() => loadConfig({ DUBAN_LLM_BASE_URL: 'http://127.0.0.1:9/v1' })).toThrow(/DUBAN_LLM_MODEL/);
  });
});

describe('digest settings', () => {
  it('takes channels as platform:channel and refuses other forms', () => {
    expect(loadConfig({ DUBAN_DIGEST_CHANNELS: 'slack:C0123,wechat:督办工作群' }).DUBAN_DIGEST_CHANNELS).toEqual(['slack:C0123', 'wechat:督办工作群']);
    expect(() => loadConfig({ DUBAN_DIGEST_CHANNELS: 'C0123' })).toThrow(/DUBAN_DIGEST_CHANNELS="C0123".*platform:channel/);
  });

  it('refuses a cron expression croner cannot read', () => {
    expect(() => loadConfig({ DUBAN_DIGEST_CRON: 'every morning' })).toThrow(/DUBAN_DIGEST_CRON="every morning"/);
  });
});
