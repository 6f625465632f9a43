/**
 * Reply → Feishu interactive cards: a header, lark_md sections with targets in bold, a line for
 * each progress bar, and a note with citations and hints — within a card's limits (50 elements,
 * about 30 KB), split into several cards when longer. The text fallback is the same reply as
 * plain text.
 *
 * Feishu's one rule (see chat/markup.ts): every character lark_md reads as syntax is written as a
 * character reference (`&#91;`), so a note holding `[点我领取](http://…)`, `![p](…)` or
 * `<at id=all>` shows those characters — never a link, an image or an @-mention of everyone; only
 * the bot's `**bold**` is markdown. The header is plain_text and needs none.
 */
import { type Markup, renderMarkup } from '../../chat/markup.js';
import { bar, citationLine, continued, PLAIN, renderText, type TextStyle } from '../../chat/render.js';
import type { Reply } from '../../chat/types.js';
import { splitText } from '../split.js';

const MAX_ELEMENTS = 50;
/** A card's JSON is kept under this many bytes (Feishu takes up to 30 KB a message). */
const MAX_CARD_BYTES = 25_000;
const MAX_SECTION = 3000;
/** Longest plain-text message of the fallback. */
export const FEISHU_MAX_TEXT = 4000;

type Element = Record<string, unknown>;
export interface FeishuCard {
  config: { wide_screen_mode: boolean };
  header?: { title: { tag: 'plain_text'; content: string }; template: string };
  elements: Element[];
}

/** Links, images, tags and entities, emphasis, code, headings, quotes, strikes: what lark_md reads. */
const SYNTAX = /[&<>[\]()!*_`#~|\\]/g;

const LARK: Markup = {
  escape: (t) => t.replace(SYNTAX, (ch) => `&#${ch.codePointAt(0)};`),
  bold: (t) => `**${t}**`,
};

/**
 * A text message reads `<at …>` tags and `[text](url)` links and has no escape for them: full-width
 * ＜ ［ ］ read the same and open neither.
 */
const FULL_WIDTH: Record<string, string> = { '<': '＜', '[': '［', ']': '］' };
const TEXT_MESSAGE: TextStyle = { ...PLAIN, escape: (t) => t.replace(/[<[\]]/g, (ch) => FULL_WIDTH[ch]!) };

const md = (content: string): Element => ({ tag: 'div', text: { tag: 'lark_md', content } });

/** The reply as one or more cards, in order; `at` (an open_id) is @-mentioned at the top of the first. */
export function toFeishuCards(reply: Reply, at?: string): FeishuCard[] {
  const elements: Element[] = [];
  for (const p of reply.text)
    for (const piece of splitText(renderMarkup(p, LARK), MAX_SECTION)) elements.push(md(piece));
  for (const b of reply.bars)
    elements.push(
      md(`${LARK.bold(LARK.escape(b.label))}\n${bar(b.percent)}${b.detail ? `  ${LARK.escape(b.detail)}` : ''}`),
    );
  const sources = citationLine(reply);
  const notes = [...(sources ? [sources] : []), ...reply.hints];
  if (notes.length) {
    elements.push({ tag: 'hr' });
    elements.push({ tag: 'note', elements: [{ tag: 'lark_md', content: LARK.escape(notes.join('  ·  ')) }] });
  }
  if (at) elements.unshift(md(`<at id=${at}></at>`));

  const cards: FeishuCard[] = [];
  const header = (n: number) => {
    const title = n === 1 ? reply.title : `${reply.title ?? ''}${continued(reply, n)}`.trim();
    return title ? { header: { title: { tag: 'plain_text' as const, content: title }, template: 'blue' } } : {};
  };
  let current: FeishuCard = { config: { wide_screen_mode: true }, ...header(1), elements: [] };
  for (const e of elements) {
    const full =
      current.elements.length >= MAX_ELEMENTS ||
      Buffer.byteLength(JSON.stringify({ ...current, elements: [...current.elements, e] })) > MAX_CARD_BYTES;
    if (full && current.elements.length) {
      cards.push(current);
      current = { config: { wide_screen_mode: true }, ...header(cards.length + 1), elements: [] };
    }
    current.elements.push(e);
  }
  if (current.elements.length || !cards.length) cards.push(current);
  return cards;
}

/** The reply as plain-text messages, for when a card is refused. */
export function toFeishuTexts(reply: Reply, at?: string): string[] {
  const text = renderText(reply, TEXT_MESSAGE);
  return splitText(text, FEISHU_MAX_TEXT).map((t, i) => (at && i === 0 ? `<at user_id="${at}"></at> ${t}` : t));
}
