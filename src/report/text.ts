/** Text helpers shared by the parser, the target extractor and the search index. */

const CJK = '\\u3400-\\u9fff\\uff00-\\uffef\\u3000-\\u303f“”‘’';
const HALF_TO_FULL: Record<string, string> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
};

/**
 * Give half-width punctuation next to Chinese text its full-width form, so `(一)`, `,` and `:`
 * in a report read as `（一）`, `，`, `：`. Punctuation between Latin letters or digits is kept.
 */
export function normalizePunctuation(text: string): string {
  return text
    .replace(new RegExp(`([${CJK}])\\s*([,:;?!])`, 'g'), (_m, a: string, p: string) => a + HALF_TO_FULL[p])
    .replace(new RegExp(`([,:;?!])\\s*(?=[${CJK}])`, 'g'), (_m, p: string) => HALF_TO_FULL[p]!)
    .replace(/\(([^()]{1,12})\)/g, (m, inner: string) => (new RegExp(`[${CJK}]`).test(inner) ? `（${inner}）` : m));
}

/** Split Chinese text into sentences, each keeping its closing mark. */
export function splitSentences(text: string): string[] {
  return (text.match(/[^。！？!?；;]+[。！？!?；;]?/g) ?? []).map((s) => s.trim()).filter(Boolean);
}

/** The pairs of neighbouring characters in a text, spaces dropped (a single character stands for itself). */
export function charBigrams(text: string): Set<string> {
  const chars = [...text.replace(/\s+/g, '').toLowerCase()];
  const out = new Set<string>();
  for (let i = 0; i < chars.length - 1; i++) out.add(chars[i]! + chars[i + 1]!);
  if (chars.length === 1) out.add(chars[0]!);
  return out;
}
