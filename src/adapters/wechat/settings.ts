/** WeChat's settings, read from the environment with zod. */
import { z } from 'zod';
import { list, optionalText } from '../../config.js';

export const WechatSettings = z.object({
  WECHATY_PUPPET: optionalText,
  WECHATY_PUPPET_SERVICE_TOKEN: optionalText,
  WECHAT_ROOMS: list,
  WECHAT_DAILY_CAP: z.coerce.number().int().min(1).max(10000).default(200),
});

export type WechatSettings = z.infer<typeof WechatSettings>;
