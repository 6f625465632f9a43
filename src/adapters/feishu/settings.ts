/** Feishu's (and Lark's) settings, read from the environment with zod. */
import { z } from 'zod';
import { optionalText, port } from '../../config.js';

export const FeishuSettings = z
  .object({
    FEISHU_APP_ID: optionalText,
    FEISHU_APP_SECRET: optionalText,
    /** feishu (open.feishu.cn), lark (open.larksuite.com), or the URL of a private deployment. */
    FEISHU_DOMAIN: z
      .string()
      .trim()
      .default('feishu')
      .refine((d) => d === 'feishu' || d === 'lark' || /^https?:\/\/[^\s]+$/.test(d), 'feishu, lark, or an http(s) URL')
      .transform((d) => d.replace(/\/+$/, '')),
    FEISHU_MODE: z.enum(['ws', 'http'], 'ws (a long connection) or http (event callbacks)').default('ws'),
    FEISHU_PORT: port.default(3002),
    FEISHU_VERIFICATION_TOKEN: optionalText,
    FEISHU_ENCRYPT_KEY: optionalText,
  })
  .refine((s) => !s.FEISHU_APP_ID || s.FEISHU_APP_SECRET, {
    path: ['FEISHU_APP_SECRET'],
    message: 'the app’s App Secret with FEISHU_APP_ID',
  })
  .refine((s) => !s.FEISHU_APP_ID || s.FEISHU_MODE !== 'ws' || /^cli_[0-9a-f]{16}$/i.test(s.FEISHU_APP_ID), {
    // The SDK's long connection silently does nothing for any other App ID.
    path: ['FEISHU_APP_ID'],
    message: 'an App ID such as cli_a1b2c3d4e5f60718 (cli_ and 16 hex digits)',
  })
  .refine((s) => !s.FEISHU_APP_ID || s.FEISHU_MODE !== 'http' || s.FEISHU_VERIFICATION_TOKEN, {
    path: ['FEISHU_VERIFICATION_TOKEN'],
    message: 'the Verification Token for FEISHU_MODE=http (Events and Callbacks → Encryption Strategy)',
  });

export type FeishuSettings = z.infer<typeof FeishuSettings>;
