/** Slack's settings, read from the environment with zod. */
import { z } from 'zod';
import { optionalText, port } from '../../config.js';

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
