/**
 * Reply → Block Kit: a header, sections for the text, a button for each choice offered when a
 * question is asked back, progress bars, and a context line with citations and hints — within Slack's limits (50 blocks a message, 3000 characters a text,
 * 150 a header), split into several messages when it is longer. Each message carries a
 * plain-text fallback.
 *
 * Slack's one rule (see chat/markup.ts): `&`, `<` and `>` become entities, so text people wrote
 * never opens a link (`<http://…|点我>`), a mention (`<!channel>`) or a user reference; Slack's
 * mrkdwn has no `[text](url)` links. Only the bot's `**bold**` becomes Slack's `*bold*`.
 */
import { renderMarkup } from '../../chat/markup.js';
import { bar, citationLine, continued, renderText, type TextStyle } from '../../chat/render.js';
import type { Reply } from '../../chat/types.js';
import { splitText } from '../split.js';

export const MAX_BLOCKS = 50;
export const MAX_TEXT = 3000;
const MAX_HEADER = 150;
const MAX_FALLBACK = 3000;
const MAX_BUTTON = 75;

/** The action id of the button for one choice (the adapter listens for these). */
export const CHOICE_ACTION = /^duban_choice_\d+$/;

/** A button that sends its value back as the user's message. */
export interface SlackButton {
  type: 'button';
  action_id: string;
  text: { type: 'plain_text'; text: string };
  value: string;
}

export interface SlackBlock {
  type: string;
  text?: { type: 'plain_text' | 'mrkdwn'; text: string };
  elements?: ({ type: 'mrkdwn' | 'plain_text'; text: string } | SlackButton)[];
}

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Slack reads `&`, `<` and `>` in mrkdwn and in a message's text alike. */
const SLACK: TextStyle = {
  escape: (t) => t.replace(/[&<>]/g, (ch) => ENTITY[ch]!),
  bold: (t) => `*${t}*`,
  dim: (t) => t,
};
/** The notification's text: the same escaping, no bold. */
const FALLBACK: TextStyle = { ...SLACK, bold: (t) => t };

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** The reply as one or more Slack messages. */
export function toSlackMessages(reply: Reply): SlackMessage[] {
  const blocks: SlackBlock[] = [];
  if (reply.title)
    blocks.push({ type: 'header', text: { type: 'plain_text', text: reply.title.slice(0, MAX_HEADER) } });
  for (const p of reply.text)
    for (const piece of splitText(renderMarkup(p, SLACK), MAX_TEXT)) blocks.push(section(piece));
  if (reply.choices?.length)
    blocks.push({
      type: 'actions',
      elements: reply.choices.map((c, i) => ({
        type: 'button',
        action_id: `duban_choice_${i + 1}`,
        text: { type: 'plain_text', text: c.label.slice(0, MAX_BUTTON) },
        value: c.send,
      })),
    });
  for (const b of reply.bars)
    blocks.push(
      section(
        `${SLACK.bold(SLACK.escape(b.label))}\n\`${bar(b.percent)}\`${b.detail ? `  ${SLACK.escape(b.detail)}` : ''}`.slice(
          0,
          MAX_TEXT,
        ),
      ),
    );
  const sources = citationLine(reply);
  const context = [...(sources ? [sources] : []), ...reply.hints];
  if (context.length)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: SLACK.escape(context.join('  ·  ')).slice(0, MAX_TEXT) }],
    });

  // The fallback is what notifications show: user text in it must not become a live mention.
  const fallback = renderText(reply, FALLBACK);
  const messages: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += MAX_BLOCKS) {
    const chunk = blocks.slice(i, i + MAX_BLOCKS);
    const text = messages.length
      ? `${fallback.slice(0, 40)}…${continued(reply, messages.length + 1)}`
      : fallback.slice(0, MAX_FALLBACK);
    messages.push({ text, blocks: chunk });
  }
  return messages.length ? messages : [{ text: fallback.slice(0, MAX_FALLBACK) || ' ', blocks: [] }];
}
