/**
 * A local embedder that needs no download: character 1–3-grams hashed into a fixed number of
 * dimensions, sub-linear term weights, unit length. It has the shape of LangChain's `Embeddings` so a
 * model-backed embedder can take its place without touching the index; only the type is imported, as
 * loading LangChain would cost every question's start-up about 40 ms it never uses.
 */
import type { EmbeddingsInterface } from '@langchain/core/embeddings';

/** FNV-1a, 32 bits: fast, stable across runs and machines. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class HashedNgramEmbeddings implements EmbeddingsInterface {
  constructor(readonly dimensions = 512) {}

  /** The vector of one text, synchronously (the index uses this on the answer path). */
  embed(text: string): number[] {
    const v = new Array<number>(this.dimensions).fill(0);
    const counts = new Map<string, number>();
    for (const run of text.toLowerCase().match(/[\u3400-\u9fff]+|[a-z0-9]+/g) ?? []) {
      const chars = [...run];
      for (let n = 1; n <= 3; n++) {
        for (let i = 0; i + n <= chars.length; i++) {
          const g = chars.slice(i, i + n).join('');
          counts.set(g, (counts.get(g) ?? 0) + 1);
        }
      }
    }
    for (const [g, c] of counts) {
      const h = hash(g);
      const weight = (1 + Math.log(c)) * Math.min(3, [...g].length);
      v[h % this.dimensions]! += h & 0x80000000 ? -weight : weight;
    }
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((t) => this.embed(t));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.embed(text);
  }
}
