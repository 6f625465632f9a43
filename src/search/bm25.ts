/** Okapi BM25 over pre-tokenized documents; small enough to rebuild or serialize at will. */

export class Bm25 {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths: number[];
  private readonly avgLength: number;

  constructor(
    readonly docs: string[][],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.lengths = docs.map((d) => d.length);
    this.avgLength = this.lengths.reduce((a, n) => a + n, 0) / Math.max(1, docs.length);
    docs.forEach((terms, i) => {
      for (const t of terms) {
        const p = this.postings.get(t) ?? new Map<number, number>();
        p.set(i, (p.get(i) ?? 0) + 1);
        this.postings.set(t, p);
      }
    });
  }

  /** Number of documents that hold the term. */
  df(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  /** Inverse document frequency; a term in no document gets the highest value. */
  idf(term: string): number {
    const n = this.docs.length;
    const df = this.df(term);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Documents ranked by score for the query terms (each distinct term counted once), best first. */
  rank(terms: string[]): { doc: number; score: number }[] {
    const scores = new Map<number, number>();
    for (const t of new Set(terms)) {
      const p = this.postings.get(t);
      if (!p) continue;
      const idf = this.idf(t);
      for (const [doc, tf] of p) {
        const norm = tf + this.k1 * (1 - this.b + (this.b * this.lengths[doc]!) / this.avgLength);
        scores.set(doc, (scores.get(doc) ?? 0) + (idf * tf * (this.k1 + 1)) / norm);
      }
    }
    return [...scores].map(([doc, score]) => ({ doc, score })).sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}
