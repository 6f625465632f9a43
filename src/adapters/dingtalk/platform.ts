/** DingTalk as a platform: its settings, and the robot opened only when a Client ID is set. */
import type { Platform } from '../adapter.js';
import { DingtalkSettings } from './settings.js';

export const dingtalk: Platform<DingtalkSettings> = {
  name: 'dingtalk',
  settings: DingtalkSettings,
  enabled: (s) => Boolean(s.DINGTALK_CLIENT_ID),
  open: async (port, settings) => (await import('./robot.js')).createDingtalkAdapter(port, settings),
};
