/** Slack as a platform: its settings, and the Bolt app opened only when a bot token is set. */
import type { Platform } from '../adapter.js';
import { SlackSettings } from './settings.js';

export const slack: Platform<SlackSettings> = {
  name: 'slack',
  settings: SlackSettings,
  enabled: (s) => Boolean(s.SLACK_BOT_TOKEN),
  open: async (port, settings) => (await import('./app.js')).createSlackAdapter(port, settings),
};
