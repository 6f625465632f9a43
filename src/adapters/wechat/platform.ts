/** WeChat as a platform: its settings, and Wechaty opened only when a puppet is named. */
import type { Platform } from '../adapter.js';
import { WechatSettings } from './settings.js';

export const wechat: Platform<WechatSettings> = {
  name: 'wechat',
  settings: WechatSettings,
  enabled: (s) => Boolean(s.WECHATY_PUPPET),
  leaderOnly: true,
  open: async (port, settings) => (await import('./bot.js')).createWechatAdapter(port, settings),
};
