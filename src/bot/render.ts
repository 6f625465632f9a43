/** Reply → plain text (WeChat, pipes, logs) or ANSI text (a terminal). */
import { bar } from '../report/format.js';
import type { Reply } from '../chat/types.js';

export interface TextStyle {
  bold(text: string): string;
  dim(text: string): string;
}

export const PLAIN: TextStyle = { bold: (t) => t, dim: (t) => t };
export const ANSI: TextStyle = { bold: (t) => `\x1b[1m${t}\x1b[22m`, dim: (t) => `\x1b[2m${t}\x1b[22m` };

/** The reply as lines of text: title, paragraphs, bars, hints. */
export function renderText(r: Reply, style: TextStyle = PLAIN): string {
  const emph = (t: string) => t.replace(/\*\*(.+?)\*\*/g, (_m, x: string) => style.bold(x));
  const out: string[] = [];
  if (r.title) out.push(style.bold(r.title));
  for (const p of r.text) out.push(emph(p));
  for (const b of r.bars) out.push(`${b.label}\n  ${bar(b.percent)}${b.detail ? `  ${b.detail}` : ''}`);
  for (const h of r.hints) out.push(style.dim(h));
  return out.join('\n');
}
