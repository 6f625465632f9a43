/**
 * Making the index's files in `DATA_DIR/index/`: the jieba dictionary cut down to the reports,
 * the CC-CEDICT maps, common words, traditional characters, places, English words and their WordNet
 * synonyms, pinyin and the vectors. Done when a report or the glossary changes, or a file cannot be read.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import hnswlib from 'hnswlib-node';
import type { Report } from '../report/types.js';
import {
  buildCedictMap,
  buildEnglishNouns,
  buildEnglishWords,
  buildGenericWords,
  buildJiebaDict,
  buildPlaces,
  buildSynonyms,
  buildTraditionalMap,
} from './dictionary.js';
import type { HashedNgramEmbeddings } from './embedder.js';
import { fingerprints } from './files.js';
import { buildPinyin } from './pinyin.js';

/** A passage the index holds: an item, or a section's preamble. */
export interface SearchDoc {
  /** `cixi-2015:4.3` */
  key: string;
  reportId: string;
  /** `4.3` for an item, `4` for a section preamble. */
  ref: string;
  kind: 'item' | 'section';
  title: string;
  text: string;
}

/** Bumped when what the files hold changes, so old ones are made again. */
export const INDEX_VERSION = 21;

/** Terms the jieba dictionary must know: quoted names, target metrics, glossary words. */
export function reportTerms(reports: Report[], glossary: Map<string, string[]>): string[] {
  const terms = new Set<string>();
  for (const r of reports) {
    for (const s of r.sections) {
      for (const m of `${s.preamble}${s.items.map((i) => i.text).join('')}`.matchAll(/“([^”]{2,12})”/g)) {
        terms.add(m[1]!);
        for (const part of m[1]!.split(/[、，]/)) if (part.length >= 2) terms.add(part);
      }
      for (const i of s.items) for (const t of i.targets) if (t.kind === 'quantity') terms.add(t.metric);
    }
  }
  for (const zh of glossary.values()) for (const t of zh) terms.add(t);
  return [...terms];
}

/** Write every file of the index for these passages. */
export function buildIndexFiles(
  dir: string,
  docs: SearchDoc[],
  reports: Report[],
  glossary: Map<string, string[]>,
  embedder: HashedNgramEmbeddings,
  hash: string,
): void {
  mkdirSync(dir, { recursive: true });
  const corpus = docs.map((d) => d.text).join('\n');
  const put = (name: string, data: string | Buffer) => {
    const tmp = join(dir, `${name}.${process.pid}.tmp`);
    writeFileSync(tmp, data);
    renameSync(tmp, join(dir, name));
  };
  put(
    'dict.txt',
    buildJiebaDict(`${corpus}\n${[...glossary.values()].flat().join('\n')}`, reportTerms(reports, glossary)),
  );
  const cedict = buildCedictMap(corpus, [...new Set(reports.map((r) => r.city))]);
  put('cedict.json', JSON.stringify(cedict));
  put('generic.txt', buildGenericWords());
  put('traditional.json', JSON.stringify(buildTraditionalMap()));
  const dict = readFileSync(join(dir, 'dict.txt'), 'utf8');
  put('places.json', JSON.stringify(buildPlaces(corpus, [...new Set(reports.map((r) => r.city))])));
  put('english.txt', buildEnglishWords().join('\n'));
  put('nouns.txt', buildEnglishNouns().join('\n'));
  // Made here rather than on the first English question, which would wait for them.
  put('synonyms.json', JSON.stringify(buildSynonyms(glossary, cedict)));
  put(
    'pinyin.json',
    JSON.stringify(
      buildPinyin(
        dict
          .split('\n')
          .map((l) => l.slice(0, l.indexOf(' ')))
          .filter((w) => w.length >= 2 && corpus.includes(w)),
      ),
    ),
  );
  const vectors = new hnswlib.HierarchicalNSW('cosine', embedder.dimensions);
  vectors.initIndex(Math.max(1, docs.length), 16, 200, 42);
  docs.forEach((d, i) => {
    vectors.addPoint(embedder.embed(`${d.title} ${d.text}`), i);
  });
  const tmp = join(dir, `vectors.${process.pid}.tmp`);
  vectors.writeIndexSync(tmp);
  renameSync(tmp, join(dir, 'vectors.hnsw'));
  put(
    'manifest.json',
    JSON.stringify({
      version: INDEX_VERSION,
      hash,
      docs: docs.length,
      builtAt: new Date().toISOString(),
      files: fingerprints(dir),
    }),
  );
}
