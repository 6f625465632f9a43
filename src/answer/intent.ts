/** What kind of question it is: about a named part of the report, or asking for a number. */
import { parseNumber } from '../report/numbers.js';

/** A reference written inside a question: `4.3`, `第四部分`, `（四）`, `section 4`, `item 4.3`. */
export function refInQuestion(question: string): string | undefined {
  const item = /(\d+)\s*[.．\-－]\s*(\d+)(\s*#\s*\d+)?/.exec(question);
  if (item) return `${item[1]}.${item[2]}${item[3]?.replace(/\s/g, '') ?? ''}`;
  const cn = /[(（]([一二三四五六七八九十]+)[)）]\s*([一二三四五六七八九十]+|\d+)?/.exec(question);
  if (cn) return cn[2] ? `(${cn[1]})${cn[2]}` : cn[1];
  const part = /第\s*([一二三四五六七八九十]+|\d+)\s*(?:部分|方面|大项)/.exec(question);
  if (part) return String(parseNumber(part[1]!));
  const en = /\b(?:section|part|area)\s+(\d+)\b/i.exec(question);
  if (en) return en[1];
  return undefined;
}

/** True when the question wants a figure ("多少", "how many", "what is the population"). */
export function asksForNumber(question: string): boolean {
  return /多少|几个|几项|几家|多大|数量|比例|比率|how many|how much|what (?:is|are|was) the (?:\w+ )?(?:number|population|size|total|amount|rate|gdp|budget|figure)\b/i.test(question);
}

/** True when the question asks how work is going rather than what was promised. */
export function asksForProgress(question: string): boolean {
  return /进展|进度|完成情况|落实情况|推进情况|怎么样了|\bprogress\b|\bstatus\b|how (?:is|are) .* going|so far/i.test(question);
}
