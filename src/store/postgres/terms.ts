/**
 * Progress search keys on PostgreSQL, cut so that a search finds what SQLite's FTS5 finds. The
 * store is given the same jieba words and bigrams of each record either way; FTS5 (unicode61)
 * then cuts them into tokens (runs of letters and digits, lower-cased, without diacritics), and
 * a searched term of several tokens ("4.3") is a phrase: its tokens side by side. Here each
 * record keeps every token and every pair of neighbouring tokens as a key; a searched term is
 * its token, or its pairs, all of which the record must hold.
 */

/** Tokens as FTS5's unicode61 tokenizer cuts a text. */
export function tokens(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC')
    .split(/[^\p{L}\p{N}\p{Co}]+/u)
    .filter(Boolean);
}

/** The keys a record is found by: its tokens and each pair of neighbours ("4 3"). */
export function recordKeys(terms: string[]): string[] {
  const t = tokens(terms.join(' '));
  const keys = new Set(t);
  for (let i = 1; i < t.length; i++) keys.add(`${t[i - 1]} ${t[i]}`);
  return [...keys];
}

/** What one searched term needs, as `|`-separated keys (a record must hold every one); '' when nothing. */
export function searchKey(term: string): string {
  const t = tokens(term);
  if (t.length < 2) return t[0] ?? '';
  return t
    .slice(1)
    .map((x, i) => `${t[i]} ${x}`)
    .join('|');
}
