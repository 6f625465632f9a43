/** Reply → plain text for a phone: the answer first, no markdown, split at sentence ends. */
import { PLAIN, renderText } from '../../chat/render.js';
import type { Reply } from '../../chat/types.js';
import { splitText } from '../split.js';

/** Longest WeChat text duban sends in one message (WeChat cuts long texts; phones read short ones better). */
export const WECHAT_MAX_CHARS = 1200;

/** The reply as one or more messages, in order. */
export function toWechatTexts(reply: Reply, max = WECHAT_MAX_CHARS): string[] {
  return splitText(renderText(reply, PLAIN).replace(/`/g, ''), max);
}
