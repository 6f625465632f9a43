/** WeChat as a platform: its settings, and Wechaty opened only when a puppet is named. */
import { z } from 'zod';
import type { Platform } from '../adapter.js';
import { list, optionalText } from '../settings.js';

export const WechatSettings = z.object({
  WECHATY_PUPPET: optionalText,
  WECHATY_PUPPET_SERVICE_TOKEN: optionalText,
  WECHAT_ROOMS: list,
  WECHAT_DAILY_CAP: z.coerce.number().int().min(1).max(10000).default(200),
});

export type WechatSettings = z.infer<typeof WechatSettings>;

export const wechat: Platform<WechatSettings> = {
  name: 'wechat',
  settings: WechatSettings,
  enabled: (s) => Boolean(s.WECHATY_PUPPET),
  open: async (port, settings) => (await import('./bot.js')).createWechatAdapter(port, settings),
};
