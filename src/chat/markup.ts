/**
 * Text is inert everywhere. A Reply's strings are plain text with one piece of markup: the bot's
 * own `**bold**` around targets and values. Everything else in them — a progress note, a display
 * name, an owner, a lead unit, a reference someone typed, an LLM's prose — is the literal
 * characters, whoever wrote it and on whichever platform. So each platform's renderer has exactly
 * one rule, a `Markup`: how it escapes literal text (every character its format would read as
 * syntax) and how it writes the bot's bold. Nothing upstream has to remember to escape, and a
 * link written in WeChat is as inert in DingTalk as anywhere.
 *
 * A person's own stars are the one thing a renderer cannot tell from the bot's bold; `said()`
 * marks them (`\*`) where stored text enters a reply's paragraphs, and `spans()` reads `\*` and
 * `\\` back as the literal characters. A title, a bar or a hint has no markup at all: it is
 * escaped whole, stars included. Forgetting `said()` can at worst make a person's `**x**` bold —
 * never a link, an image or a tag, which no path can produce.
 */

/** A run of a reply's text: literal characters, bold or not. */
interface Span {
  text: string;
  bold: boolean;
}

/** How one platform writes literal text and the bot's bold. */
export interface Markup {
  /** Literal text in the platform's format: nothing in it is read as syntax. */
  escape(text: string): string;
  /** Already escaped text, in bold. */
  bold(text: string): string;
}

/** What a person wrote, ready to stand in a reply's paragraph: its stars cannot open or close the bot's bold. */
export function said(text: string): string {
  return text.replace(/[\\*]/g, '\\$&');
}

/** A reply's text as literal runs and the bot's bold runs (`**…**` on one line). */
function spans(text: string): Span[] {
  const out: Span[] = [];
  const token = /\\([\\*])|\*\*/g;
  let plain = '';
  let from = 0;
  for (let m = token.exec(text); m; m = token.exec(text)) {
    plain += text.slice(from, m.index);
    from = token.lastIndex;
    if (m[1]) {
      plain += m[1];
      continue;
    }
    const end = closing(text, from);
    if (end > from) {
      if (plain) out.push({ text: plain, bold: false });
      plain = '';
      out.push({ text: text.slice(from, end).replace(/\\([\\*])/g, '$1'), bold: true });
      from = token.lastIndex = end + 2;
    } else plain += '**';
  }
  plain += text.slice(from);
  if (plain) out.push({ text: plain, bold: false });
  return out;
}

/** Where the `**` closing a bold run opened before `from` stands, or -1 (none on the same line). */
function closing(text: string, from: number): number {
  for (let i = from; i < text.length - 1; i++) {
    if (text[i] === '\n') return -1;
    if (text[i] === '\\') i++;
    else if (text[i] === '*' && text[i + 1] === '*') return i;
  }
  return -1;
}

/** A reply's text in a platform's format: literal runs escaped, the bot's bold in its bold. */
export function renderMarkup(text: string, m: Markup): string {
  return spans(text)
    .map((s) => (s.bold ? m.bold(m.escape(s.text)) : m.escape(s.text)))
    .join('');
}
