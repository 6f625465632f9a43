/**
 * Reply → text: plain (WeChat, pipes, logs) or ANSI (a terminal). The citation line and the
 * continuation mark are made here once, for every platform's renderer.
 */
import { TEXT } from './texts.js';
import type { Reply } from './types.js';

/** A text bar for a share: `▓▓▓▓░░░░░░ 40%`. */
export function bar(percent: number, width = 10): string {
  const filled = Math.max(0, Math.min(width, Math.round((percent / 100) * width)));
  return `${'▓'.repeat(filled)}${'░'.repeat(width - filled)} ${percent}%`;
}

export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export const PLAIN: TextStyle = { bold: (t) => t, dim: (t) => t };
export const ANSI: TextStyle = { bold: (t) => `\x1b[1m${t}\x1b[22m`, dim: (t) => `\x1b[2m${t}\x1b[22m` };

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
  const emph = (t: string) => t.replace(/\*\*(.+?)\*\*/g, (_m, x: string) => style.bold(x));
  const out: string[] = [];
  if (r.title) out.push(style.bold(r.title));
  for (const p of r.text) out.push(emph(p));
  for (const b of r.bars) out.push(`${b.label}\n  ${bar(b.percent)}${b.detail ? `  ${b.detail}` : ''}`);
  const sources = citationLine(r);
  if (sources) out.push(sources);
  for (const h of r.hints) out.push(style.dim(h));
  return out.join('\n');
}
