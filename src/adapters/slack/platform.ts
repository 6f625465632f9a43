/** Slack as a platform: its settings, and the Bolt app opened only when a bot token is set. */
import { z } from 'zod';
import type { Platform } from '../adapter.js';
import { optionalText, port } from '../settings.js';

export const SlackSettings = z
  .object({
    SLACK_BOT_TOKEN: optionalText,
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText,
    SLACK_PORT: port.default(3000),
    SLACK_API_URL: z.string().url('an http(s) URL ending in /api/').optional(),
  })
  .refine((s) => !s.SLACK_BOT_TOKEN || s.SLACK_SIGNING_SECRET || s.SLACK_APP_TOKEN, {
    path: ['SLACK_SIGNING_SECRET'],
    message: 'the signing secret for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)',
  });

export type SlackSettings = z.infer<typeof SlackSettings>;

export const slack: Platform<SlackSettings> = {
  name: 'slack',
  settings: SlackSettings,
  enabled: (s) => Boolean(s.SLACK_BOT_TOKEN),
  open: async (port, settings) => (await import('./app.js')).createSlackAdapter(port, settings),
};
