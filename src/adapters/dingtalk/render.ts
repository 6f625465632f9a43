/**
 * Reply → DingTalk markdown: the title and the answer with targets in bold, bars as text, then
 * citations and hints; one line a paragraph (DingTalk's markdown joins single lines). Split within
 * DingTalk's limit, each piece with a title for the notification.
 *
 * DingTalk's one rule (see chat/markup.ts): every markdown character in the text is backslash-escaped,
 * so a note holding `[点我领取](http://…)` or `![p](http://…)` shows those characters, never a link
 * or an image; only the bot's `**bold**` is markdown.
 */
import { PLAIN, renderText, type TextStyle } from '../../chat/render.js';
import type { Reply } from '../../chat/types.js';
import { splitText } from '../split.js';
import type { Markdown } from './api.js';

/** Longest markdown text duban sends in one DingTalk message (longer ones are cut on phones). */
export const DINGTALK_MAX_CHARS = 2000;
/** The notification shows the title; DingTalk cuts it short anyway. */
const MAX_TITLE = 40;

/** Links, images, HTML, emphasis, code, headings, quotes, strikes, tables: what DingTalk's markdown reads. */
const SYNTAX = /[\\`*_[\]()!<>#~|]/g;

const MARKDOWN: TextStyle = {
  escape: (t) => t.replace(SYNTAX, '\\$&'),
  bold: (t) => `**${t}**`,
  dim: (t) => t,
};

/** The reply as one or more markdown messages, in order; `at` (a staff id) is @-mentioned in the first. */
export function toDingtalkMarkdown(reply: Reply, at?: string, max = DINGTALK_MAX_CHARS): Markdown[] {
  const text = renderText(reply, MARKDOWN);
  // The notification's title is plain text, not markdown.
  const title = (reply.title ?? renderText(reply, PLAIN).split('\n')[0] ?? '').slice(0, MAX_TITLE) || '督办';
  const prefix = at ? `@${at} ` : '';
  return splitText(text.split('\n').join('\n\n'), max - prefix.length).map((piece, i) => ({
    title,
    text: `${i === 0 ? prefix : ''}${piece}`,
    ...(at && i === 0 ? { atUserIds: [at] } : {}),
  }));
}
