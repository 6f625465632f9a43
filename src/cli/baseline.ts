/**
 * The stock full-text search duban is measured against: @orama/orama with its Mandarin tokenizer
 * over the same passages, best hit taken as the answer (it has no "not found"). A development
 * dependency: `undefined` where it is not installed.
 */
import type { SearchDoc } from '../search/index.js';

/** A search that returns the id of the best passage for a question. */
export type Baseline = (question: string) => Promise<string | undefined>;

export async function oramaBaseline(docs: SearchDoc[]): Promise<Baseline | undefined> {
  let orama: typeof import('@orama/orama');
  let mandarin: typeof import('@orama/tokenizers/mandarin');
  try {
    orama = await import('@orama/orama');
    mandarin = await import('@orama/tokenizers/mandarin');
  } catch {
    return undefined;
  }
  const db = orama.create({
    schema: { ref: 'string', title: 'string', text: 'string' },
    components: { tokenizer: mandarin.createTokenizer() },
  });
  await orama.insertMultiple(
    db,
    docs.map((d) => ({ ref: d.ref, title: d.title, text: d.text })),
  );
  return async (question) => {
    const res = await orama.search(db, { term: question, properties: ['title', 'text'], limit: 3 });
    return res.hits[0]?.document.ref as string | undefined;
  };
}
