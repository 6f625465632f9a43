/** Feishu / Lark as a platform: its settings, and the SDK opened only when an App ID is set. */
import type { Platform } from '../adapter.js';
import { FeishuSettings } from './settings.js';

export const feishu: Platform<FeishuSettings> = {
  name: 'feishu',
  settings: FeishuSettings,
  enabled: (s) => Boolean(s.FEISHU_APP_ID),
  open: async (port, settings) => (await import('./bot.js')).createFeishuAdapter(port, settings),
};
