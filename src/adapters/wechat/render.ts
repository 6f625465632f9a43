/**
 * Reply → plain text for a phone: the answer first, no markdown, split at sentence ends. WeChat's
 * one rule (see chat/markup.ts): a text message renders nothing, so text is written as it is, but
 * for the one thing WeChat does read in it, an @ of everyone.
 */
import { PLAIN, renderText } from '../../chat/render.js';
import type { Reply } from '../../chat/types.js';
import { splitText } from '../split.js';

/** Longest WeChat text duban sends in one message (WeChat cuts long texts; phones read short ones better). */
export const WECHAT_MAX_CHARS = 1200;

/** The reply as one or more messages, in order. */
export function toWechatTexts(reply: Reply, max = WECHAT_MAX_CHARS): string[] {
  // User text never becomes an @所有人 (or @all): a full-width ＠ reads the same and notifies no one.
  const text = renderText(reply, PLAIN)
    .replace(/`/g, '')
    .replace(/@(?=所有人|all\b)/gi, '＠');
  return splitText(text, max);
}
