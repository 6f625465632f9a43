/**
 * Reply → text: plain (WeChat, pipes, logs), ANSI (a terminal), or any platform's `TextStyle`.
 * Every string of the reply goes through the style's `escape` (see markup.ts: text is inert),
 * so a renderer that builds on this cannot forget a part. The citation line and the
 * continuation mark are made here once, for every platform's renderer.
 */
import { type Markup, renderMarkup } from './markup.js';
import { TEXT } from './texts.js';
import type { ProgressBar, Reply } from './types.js';

/** A text bar for a share: `▓▓▓▓░░░░░░ 40%`. */
export function bar(percent: number, width = 10): string {
  const filled = Math.max(0, Math.min(width, Math.round((percent / 100) * width)));
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${percent}%`;
}

/** How a reply is written on one medium: its markup rule, and how a hint is set apart. */
export interface TextStyle extends Markup {
  dim(text: string): string;
}

const same = (t: string) => t;
export const PLAIN: TextStyle = { escape: same, bold: same, dim: same };
/** A terminal obeys escape sequences: control characters people wrote are shown as `�`, never run. */
export const ANSI: TextStyle = {
  escape: (t) => t.replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : '\ufffd')),
  bold: (t) => `\x1b[1m${t}\x1b[22m`,
  dim: (t) => `\x1b[2m${t}\x1b[22m`,
};

/** The passages a reply rests on, in its language (`出处：4.3 提升人才支撑水平`), or '' when it has none. */
export function citationLine(r: Reply): string {
  if (!r.citations.length) return '';
  return TEXT.sources[r.lang](r.citations.map((c) => `${c.id} ${c.title}`));
}

/** The mark on the n-th (from 2) of several messages one reply was split into. */
export function continued(r: Reply, n: number): string {
  return TEXT.continued[r.lang](n);
}

/** The reply as lines of text: title, paragraphs, bars, citations, hints. */
export function renderText(r: Reply, style: TextStyle = PLAIN): string {
  const e = style.escape;
  const out: string[] = [];
  if (r.title) out.push(style.bold(e(r.title)));
  for (const p of r.text) out.push(renderMarkup(p, style));
  for (const b of r.bars) out.push(barLine(b, style));
  const sources = citationLine(r);
  if (sources) out.push(e(sources));
  for (const h of r.hints) out.push(style.dim(e(h)));
  return out.join('\n');
}

/** A progress bar as two lines: its label, then the bar and its detail, each escaped for `m`. */
function barLine(b: ProgressBar, m: Markup): string {
  return `${m.escape(b.label)}\n  ${bar(b.percent)}${b.detail ? `  ${m.escape(b.detail)}` : ''}`;
}
