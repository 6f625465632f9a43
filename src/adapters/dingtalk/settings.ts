/** DingTalk's settings, read from the environment with zod. */
import { z } from 'zod';
import { optionalText, port } from '../../config.js';

export const DingtalkSettings = z
  .object({
    /** The app's Client ID (AppKey); it is also the robot code unless DINGTALK_ROBOT_CODE says otherwise. */
    DINGTALK_CLIENT_ID: optionalText,
    DINGTALK_CLIENT_SECRET: optionalText,
    DINGTALK_ROBOT_CODE: optionalText,
    DINGTALK_MODE: z.enum(['stream', 'http'], 'stream (a long connection) or http (callbacks)').default('stream'),
    DINGTALK_PORT: port.default(3001),
    DINGTALK_API_URL: z
      .string()
      .url('an http(s) URL, such as https://api.dingtalk.com')
      .default('https://api.dingtalk.com')
      .transform((u) => u.replace(/\/+$/, '')),
  })
  .refine((s) => !s.DINGTALK_CLIENT_ID || s.DINGTALK_CLIENT_SECRET, {
    path: ['DINGTALK_CLIENT_SECRET'],
    message: 'the app’s Client Secret (AppSecret) with DINGTALK_CLIENT_ID',
  });

export type DingtalkSettings = z.infer<typeof DingtalkSettings>;
