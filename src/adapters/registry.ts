/**
 * Every chat platform duban speaks, one line each. A new platform is a folder with its adapter
 * and its `Platform` (settings schema, open), and a line here.
 */
import { refusedSetting } from '../config.js';
import type { Platform } from './adapter.js';
import { dingtalk } from './dingtalk/platform.js';
import { feishu } from './feishu/platform.js';
import { slack } from './slack/platform.js';
import { wechat } from './wechat/platform.js';

export const PLATFORMS: Platform<never>[] = [slack, wechat, dingtalk, feishu] as Platform<never>[];

/** A platform with its settings read and checked. */
export interface Configured {
  platform: Platform<unknown>;
  settings: unknown;
}

/** Read one platform's settings; a wrong value is one line naming the setting, the value and what is allowed. */
export function platformSettings<S>(platform: Platform<S>, env: NodeJS.ProcessEnv = process.env): S {
  const blanked = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = platform.settings.safeParse(blanked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    throw refusedSetting(key, env[key], issue.message);
  }
  return parsed.data;
}

/** The platforms the environment turns on, each with its settings. */
export function enabledPlatforms(env: NodeJS.ProcessEnv = process.env): Configured[] {
  return PLATFORMS.map((p) => p as Platform<unknown>)
    .map((platform) => ({ platform, settings: platformSettings(platform, env) }))
    .filter(({ platform, settings }) => platform.enabled(settings));
}
