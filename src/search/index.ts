/**
 * The hybrid index over every section preamble and item (questions are read by reader.ts): BM25 over jieba
 * words, BM25 over character bigrams, and hashed n-gram vectors in hnswlib, fused by reciprocal rank. What is
 * costly to make (the cut-down jieba dictionary, the CC-CEDICT map, the vectors) is kept in
 * `DATA_DIR/index/` and made again only when a report or the glossary changes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import type { Report } from '../report/types.js';
import { Bm25 } from './bm25.js';
import { buildIndexFiles, INDEX_VERSION, reportTerms, type SearchDoc } from './build.js';
import { HashedNgramEmbeddings } from './embedder.js';
import { type Concept, englishTerms, parseGlossary } from './english.js';
import { IndexFiles, lazy } from './files.js';
import { Glosses } from './gloss.js';
import type { PinyinData } from './pinyin.js';
import { type Query, QuestionReader, type ReaderData } from './reader.js';
import { bigrams, Tokenizer } from './tokenize.js';

export type { Query } from './reader.js';

const RRF_K = 60;

/** One searchable passage: an item, or a section's preamble. */
export type { SearchDoc } from './build.js';

/** Another ranked list to fuse, such as items whose progress records match, with their words. */
export interface ExtraList {
  keys: string[];
  /** Words that stand with a document (progress notes); they count toward its coverage. */
  texts: Map<string, string>;
  /** The matching progress records behind each key, newest first. */
  records?: Map<string, { note: string; userName: string; createdAt: string }[]>;
}

export interface Hit {
  doc: SearchDoc;
  score: number;
  /** Share (0–1) of what the question asks about that this passage holds, weighted by rarity. */
  coverage: number;
  /** Cosine similarity of the question's and the passage's n-gram vectors (0 when not among the nearest). */
  similarity: number;
  /** How many of the rankers (words, bigrams, vectors) put this passage first. */
  firsts: number;
}

/** How one concept of a question is met by a text. */
export interface ConceptMatch {
  concept: Concept;
  /** Rarity weight times the concept's own weight. */
  weight: number;
  /** 0–1: 1 when the text holds it, less for a part or a near form. */
  matched: number;
}

function docsOf(reports: Report[]): SearchDoc[] {
  return reports.flatMap((r) =>
    r.sections.flatMap((s) => [
      {
        key: `${r.id}:${s.id}`,
        reportId: r.id,
        ref: s.id,
        kind: 'section' as const,
        title: s.title,
        text: `${s.title}。${s.preamble}`,
      },
      ...s.items.map((i) => ({
        key: `${r.id}:${i.id}`,
        reportId: r.id,
        ref: i.id,
        kind: 'item' as const,
        title: i.title,
        text: i.text,
      })),
    ]),
  );
}

export class SearchIndex {
  private readonly byKey: Map<string, number>;
  private readonly words: Bm25;
  private readonly chars: Bm25;
  private readonly docBigrams: Set<string>[];
  private readonly lowerTexts: string[];
  private readonly weightMemo = new Map<string, number>();
  private readonly corpus: string;
  private readonly corpusBigrams: Set<string>;

  private constructor(
    readonly docs: SearchDoc[],
    private readonly tokenizer: Tokenizer,
    private readonly embedder: HashedNgramEmbeddings,
    private readonly vectors: hnswlib.HierarchicalNSW,
    /** Reads questions into what to search for. */
    readonly reader: QuestionReader,
    private readonly glossaryText: string,
  ) {
    this.corpus = docs.map((d) => d.text.toLowerCase()).join('\n');
    this.corpusBigrams = new Set(bigrams(this.corpus));
    this.byKey = new Map(docs.map((d, i) => [d.key, i]));
    this.words = new Bm25(docs.map((d) => [...tokenizer.words(d.title), ...tokenizer.words(d.text)]));
    this.chars = new Bm25(docs.map((d) => [...bigrams(d.title), ...bigrams(d.text)]));
    this.lowerTexts = docs.map((d) => d.text.toLowerCase());
    this.docBigrams = this.lowerTexts.map((t) => new Set(bigrams(t)));
  }

  /** Turn a question into concepts and the Chinese text to search. */
  prepare(asked: string): Query {
    return this.reader.prepare(asked);
  }

  /**
   * Open the index for these reports, building it in `dataDir/index` when it is missing or
   * was made from other reports.
   */
  static open(reports: Report[], dataDir: string, glossaryFile: string, colloquialFile: string): SearchIndex {
    const dir = join(dataDir, 'index');
    const glossaryText = readFileSync(glossaryFile, 'utf8');
    const colloquial = parseGlossary(readFileSync(colloquialFile, 'utf8'));
    const docs = docsOf(reports);
    const hash = createHash('sha256')
      .update(
        JSON.stringify({
          v: INDEX_VERSION,
          docs,
          targets: reports.map((r) => r.sections.map((s) => s.items.map((i) => i.targets))),
        }),
      )
      .update(glossaryText)
      .digest('hex');
    const glossary = parseGlossary(glossaryText);
    const embedder = new HashedNgramEmbeddings();
    let fresh = false;
    try {
      fresh = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).hash === hash;
    } catch {
      // Missing or unreadable: built again below.
    }
    if (!fresh) buildIndexFiles(dir, docs, reports, glossary, embedder, hash);
    const load = () => SearchIndex.load(dir, docs, reports, glossary, glossaryText, colloquial, embedder);
    try {
      return load();
    } catch (err) {
      if (!fresh) throw err;
      // A cache file cut short or overwritten is made again from the reports, not a reason to stop.
      process.stderr.write(
        `duban: the search index in ${dir} could not be read (${(err as Error).message}); building it again\n`,
      );
      buildIndexFiles(dir, docs, reports, glossary, embedder, hash);
      return load();
    }
  }

  /**
   * Open a built index from its folder; throws when a file is missing or not as built. Only the
   * dictionary and the vectors are parsed now: the rest, when a question first needs it.
   */
  private static load(
    dir: string,
    docs: SearchDoc[],
    reports: Report[],
    glossary: Map<string, string[]>,
    glossaryText: string,
    colloquial: Map<string, string[]>,
    embedder: HashedNgramEmbeddings,
  ): SearchIndex {
    const files = IndexFiles.read(dir, JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).files);
    const tokenizer = new Tokenizer(files.bytes('dict.txt'));
    const vectors = new hnswlib.HierarchicalNSW('cosine', embedder.dimensions);
    vectors.readIndexSync(join(dir, 'vectors.hnsw'));
    if (vectors.getCurrentCount() !== docs.length)
      throw new Error(`vectors.hnsw holds ${vectors.getCurrentCount()} passages, not ${docs.length}`);
    vectors.setEf(Math.max(50, docs.length));
    const lower = docs.map((d) => d.text.toLowerCase()).join('\n');
    // An everyday word stands for the report's terms that the report really uses.
    const everyday = [...colloquial]
      .map(([word, terms]): [string, string[]] => [
        word,
        [...new Set([...terms, word])].filter((t) => lower.includes(t.toLowerCase())),
      ])
      .filter(([word, terms]) => terms.length && !(terms.length === 1 && terms[0] === word))
      .sort((a, b) => b[0].length - a[0].length);
    const frequency = lazy(
      () =>
        new Map(
          files
            .text('dict.txt')
            .split('\n')
            .map((l): [string, number] => {
              const [w, f] = l.split(' ');
              return [w ?? '', Number(f)];
            }),
        ),
    );
    const cedict = lazy(() => files.json<Record<string, string[]>>('cedict.json'));
    const generic = lazy(() => files.lines('generic.txt'));
    const traditional = lazy(() => files.json<Record<string, string>>('traditional.json'));
    const pinyin = lazy(() => files.json<PinyinData>('pinyin.json'));
    const places = lazy(() => files.json<ReaderData['places']>('places.json'));
    const spelled = lazy(() => files.lines('english.txt'));
    const nouns = lazy(() => files.lines('nouns.txt'));
    const synonyms = lazy(() => files.json<Record<string, string[]>>('synonyms.json'));
    const reader = new QuestionReader({
      corpus: lower,
      tokenizer,
      glossary,
      cities: [...new Set(reports.map((r) => r.city))],
      colloquial: everyday,
      ownTerms: new Set(reportTerms(reports, glossary)),
      get cedict() {
        return cedict();
      },
      get generic() {
        return generic();
      },
      get traditional() {
        return traditional();
      },
      get pinyin() {
        return pinyin();
      },
      get places() {
        return places();
      },
      get spelled() {
        return spelled();
      },
      get nouns() {
        return nouns();
      },
      get frequency() {
        return frequency();
      },
      get synonyms() {
        return synonyms();
      },
    });
    return new SearchIndex(docs, tokenizer, embedder, vectors, reader, glossaryText);
  }

  /** Share of documents that contain the text, as inverse document frequency. */
  private weight(alternatives: string[]): number {
    const key = alternatives.join('|');
    let w = this.weightMemo.get(key);
    if (w === undefined) {
      const df = alternatives.length
        ? Math.min(...alternatives.map((a) => this.lowerTexts.filter((t) => t.includes(a)).length))
        : 0;
      w = Math.log(1 + (this.docs.length - df + 0.5) / (df + 0.5));
      if (this.weightMemo.size > 10000) this.weightMemo.clear();
      this.weightMemo.set(key, w);
    }
    return w;
  }

  private readonly partsMemo = new Map<string, string[]>();

  /** The words inside a compound term (`人才引进` → 人才, 引进); empty when it is one word. */
  private parts(term: string): string[] {
    let parts = this.partsMemo.get(term);
    if (!parts) {
      const words = this.tokenizer.words(term).filter((w) => w !== term && w.length > 1);
      parts = words.length > 1 && words.join('').length >= term.length ? words : [];
      if (this.partsMemo.size > 10000) this.partsMemo.clear();
      this.partsMemo.set(term, parts);
    }
    return parts;
  }

  /** How each concept of the query is met by a text. */
  matches(query: Query, text: string, grams?: Set<string>): ConceptMatch[] {
    const lower = text.toLowerCase();
    const g = grams ?? new Set(bigrams(lower));
    return query.concepts.map((concept) => {
      let best = 0;
      for (const a of concept.alternatives) {
        if (lower.includes(a)) best = 1;
        else if (this.parts(a).length && this.parts(a).every((part) => lower.includes(part)))
          best = Math.max(best, 0.9);
        else if (this.parts(a).length > 1 && this.parts(a).some((part) => lower.includes(part))) {
          // 对外开放 where the text says 开放: part of the thing, partly met.
          const parts = this.parts(a);
          best = Math.max(best, (0.7 * parts.filter((part) => lower.includes(part)).length) / parts.length);
        } else {
          const ab = bigrams(a);
          const share = ab.length ? ab.filter((x) => g.has(x)).length / ab.length : 0;
          if (share >= 0.5) best = Math.max(best, share * 0.8);
        }
      }
      return { concept, weight: this.weight(concept.alternatives) * (concept.weight ?? 1), matched: best };
    });
  }

  private glossesMade?: Glosses;

  /** The glossary's English for the report's terms in a text (made on first need). */
  get glosses(): Glosses {
    this.glossesMade ??= new Glosses(this.glossaryText);
    return this.glossesMade;
  }

  private readonly englishMemo = new Map<number, Set<string>>();

  /** The stems of a passage read in English: the glossary's English for its terms. */
  englishOf(doc: SearchDoc): Set<string> {
    const i = this.byKey.get(doc.key) ?? -1;
    let terms = this.englishMemo.get(i);
    if (!terms) {
      terms = new Set(
        englishTerms(
          this.glosses
            .terms(`${doc.title} ${doc.text}`, 1000)
            .map(([, en]) => en)
            .join(' '),
        ),
      );
      this.englishMemo.set(i, terms);
    }
    return terms;
  }

  /** True when the reports' text holds this exact text. */
  mentions(text: string): boolean {
    return this.corpus.includes(text.toLowerCase());
  }

  /** How each concept of the query is met anywhere in the reports (or in `extra`, such as progress notes). */
  corpusMatches(query: Query, extra = ''): ConceptMatch[] {
    return extra
      ? this.matches(query, `${this.corpus}\n${extra}`)
      : this.matches(query, this.corpus, this.corpusBigrams);
  }

  /** How much of the query a passage holds, 0–1, rare concepts counting most. */
  coverage(query: Query, text: string, grams?: Set<string>): number {
    const m = this.matches(query, text, grams);
    const total = m.reduce((a, x) => a + x.weight, 0);
    return total ? m.reduce((a, x) => a + x.weight * x.matched, 0) / total : 0;
  }

  /**
   * The passages best matching a query, fused by reciprocal rank over words, bigrams and
   * vectors (and any `extra` ranked lists of document keys, such as progress records).
   */
  search(query: Query, opts: { limit?: number; extra?: ExtraList[] } = {}): Hit[] {
    const lists: number[][] = [
      this.words.rank(this.queryWords(query)).map((r) => r.doc),
      this.chars.rank(bigrams(query.text)).map((r) => r.doc),
    ];
    const similarity = new Map<number, number>();
    if (query.text.trim()) {
      const k = Math.min(10, this.docs.length);
      const { neighbors, distances } = this.vectors.searchKnn(this.embedder.embed(query.text), k);
      neighbors.forEach((doc, i) => {
        similarity.set(doc, 1 - distances[i]!);
      });
      lists.push(neighbors.filter((_, i) => distances[i]! < 0.95));
    }
    const rankers = lists.length;
    const extraText = new Map<number, string>();
    for (const extra of opts.extra ?? []) {
      lists.push(extra.keys.map((k) => this.byKey.get(k)).filter((i): i is number => i !== undefined));
      for (const [key, text] of extra.texts) {
        const i = this.byKey.get(key);
        if (i !== undefined) extraText.set(i, `${extraText.get(i) ?? ''} ${text}`);
      }
    }
    const fused = new Map<number, number>();
    for (const list of lists)
      list.forEach((doc, rank) => {
        fused.set(doc, (fused.get(doc) ?? 0) + 1 / (RRF_K + rank + 1));
      });
    // Rank agreement decides among passages that hold as much of the question; a passage that
    // holds more of it moves ahead.
    return [...fused]
      .map(([doc, rrf]) => {
        const extra = extraText.get(doc);
        const coverage = extra
          ? this.coverage(query, `${this.docs[doc]!.text} ${extra}`)
          : this.coverage(query, this.docs[doc]!.text, this.docBigrams[doc]);
        const firsts = lists.slice(0, rankers).filter((l) => l[0] === doc).length;
        return {
          doc: this.docs[doc]!,
          score: rrf * (0.5 + coverage),
          coverage,
          similarity: similarity.get(doc) ?? 0,
          firsts,
        };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, opts.limit ?? 5);
  }

  private queryWords(query: Query): string[] {
    return query.lang === 'en'
      ? query.concepts.flatMap((c) => c.alternatives.flatMap((a) => this.tokenizer.words(a)))
      : this.tokenizer.words(query.text);
  }

  /** Search terms (words and bigrams) of a text, as progress records are indexed. */
  terms(text: string): string[] {
    return [...this.tokenizer.words(text), ...bigrams(text)];
  }

  /** Search terms of a prepared query. */
  queryTerms(query: Query): string[] {
    return [...this.queryWords(query), ...bigrams(query.text)];
  }

  /** The document for a key such as `cixi-2015:4.3`. */
  doc(key: string): SearchDoc | undefined {
    const i = this.byKey.get(key);
    return i === undefined ? undefined : this.docs[i];
  }
}
