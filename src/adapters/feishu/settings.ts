/** Feishu's (and Lark's) settings, read from the environment with zod. */
import { z } from 'zod';
import { bool, optionalText, port } from '../../config.js';

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
    /**
     * HTTP mode without an Encrypt Key: events are then checked by the Verification Token alone, a
     * static secret in the body that a captured event gives away. Only an explicit opt-out allows it.
     */
    FEISHU_INSECURE_NO_ENCRYPT_KEY: bool,
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
  })
  .refine(
    (s) => !s.FEISHU_APP_ID || s.FEISHU_MODE !== 'http' || s.FEISHU_ENCRYPT_KEY || s.FEISHU_INSECURE_NO_ENCRYPT_KEY,
    {
      path: ['FEISHU_ENCRYPT_KEY'],
      message:
        'the Encrypt Key for FEISHU_MODE=http (Events and Callbacks → Encryption Strategy), so each event is signed; ' +
        'FEISHU_INSECURE_NO_ENCRYPT_KEY=1 runs without it, trusting the Verification Token alone',
    },
  );

export type FeishuSettings = z.infer<typeof FeishuSettings>;
