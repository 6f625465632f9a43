/**
 * The other way from reading a question: the glossary's English for the report's terms found in a
 * Chinese text (`河长制` → river chief system), for English readers of a Chinese quote.
 */
export class Glosses {
  /** Report terms → their English, longest terms first. */
  private readonly reverse: [string, string][];

  constructor(glossaryText: string) {
    // The line where a term is the first translation names it best ("talents → 人才").
    const lines = glossaryText
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .map((l) => l.split('\t'))
      .map(([en, zh]) => [en?.trim() ?? '', (zh ?? '').split('|').map((t) => t.trim())] as const);
    const english = new Map<string, string>();
    for (const [en, zh] of lines) if (zh[0] && !english.has(zh[0])) english.set(zh[0], en);
    for (const [en, zh] of lines) for (const term of zh) if (term && !english.has(term)) english.set(term, en);
    this.reverse = [...english].filter(([zh]) => [...zh].length >= 2).sort((a, b) => b[0].length - a[0].length);
    this.english = new Map(this.reverse);
  }

  /** Report terms → their English, for a whole phrase. */
  private readonly english: Map<string, string>;

  /** The English of a phrase that is one glossary term as a whole (`河长制` → river chief system), else undefined. */
  whole(phrase: string): string | undefined {
    return this.english.get(phrase);
  }

  /** The terms of a text with their English, in text order, longer terms first where they overlap. */
  terms(text: string, limit = 40): [string, string][] {
    const found: { at: number; end: number; zh: string; en: string }[] = [];
    for (const [zh, en] of this.reverse) {
      const at = text.indexOf(zh);
      if (at >= 0 && !found.some((f) => at < f.end && at + zh.length > f.at))
        found.push({ at, end: at + zh.length, zh, en });
    }
    return found
      .sort((a, b) => a.at - b.at)
      .slice(0, limit)
      .map((f) => [f.zh, f.en]);
  }
}
