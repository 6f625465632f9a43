/**
 * Reply → Block Kit: a header, sections for the text, a button for each choice offered when a
 * question is asked back, progress bars, and a context line with citations and hints — within Slack's limits (50 blocks a message, 3000 characters a text,
 * 150 a header), split into several messages when it is longer. Each message carries a
 * plain-text fallback.
 */
import { bar, citationLine, continued, PLAIN, renderText } from '../../chat/render.js';
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

function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `**bold**` → Slack's `*bold*`, with Slack's control characters escaped. */
export function toMrkdwn(text: string): string {
  return escapeSlack(text).replace(/\*\*(.+?)\*\*/g, '*$1*');
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

/** The reply as one or more Slack messages. */
export function toSlackMessages(reply: Reply): SlackMessage[] {
  const blocks: SlackBlock[] = [];
  if (reply.title)
    blocks.push({ type: 'header', text: { type: 'plain_text', text: reply.title.slice(0, MAX_HEADER) } });
  for (const p of reply.text) for (const piece of splitText(toMrkdwn(p), MAX_TEXT)) blocks.push(section(piece));
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
      section(toMrkdwn(`**${b.label}**\n\`${bar(b.percent)}\`${b.detail ? `  ${b.detail}` : ''}`).slice(0, MAX_TEXT)),
    );
  const sources = citationLine(reply);
  const context = [...(sources ? [sources] : []), ...reply.hints];
  if (context.length)
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: toMrkdwn(context.join('  ·  ')).slice(0, MAX_TEXT) }],
    });

  // The fallback is what notifications show: user text in it must not become a live mention.
  const fallback = escapeSlack(renderText(reply, PLAIN));
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
