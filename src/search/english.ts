/**
 * English questions, offline: English words and phrases → the report's Chinese terms, from the
 * glossary in data/ first and CC-CEDICT (filtered to the reports' words) after. Each English
 * concept keeps its alternatives, so "credit system" can match 信用体系 or 征信体系.
 */
import { langOf } from '../chat/types.js';

/** One thing the question asks about, with the Chinese words that can stand for it. */
export interface Concept {
  text: string;
  alternatives: string[];
  /** How much the concept counts when judging coverage; a general dictionary's guess counts less. */
  weight?: number;
  /** Read from an everyday word into the report's terms ("看病" → 医疗卫生). */
  everyday?: boolean;
}

/** Weight of a concept translated by CC-CEDICT rather than the glossary. */
const DICTIONARY_WEIGHT = 0.5;
/** Weight of a lower-case word nothing translates. */
const UNTRANSLATED_WEIGHT = 0.5;

const STOP = new Set(
  (
    'a an the of for to in on at by with and or is are was were be been being do does did will would shall should ' +
    'can could what which who whom whose when where why how many much any some there this that these those it its ' +
    'our their your my about from into than as per year years target targets goal goals aim plan planned progress ' +
    "status number amount i we you they me us tell show give please know want need does has have had how's what's " +
    "city's government's city state current currently latest new arrangement arrangements going work be done doing " +
    'happen happening report say says said mention mentions mentioned proceed proceeding expected intend intended ' +
    'being also keep kept keeping make made caught up name named called own due under anything something things ' +
    'thing get got take taken set aim aiming aims deliver delivered help helped problem problems issue issues area ' +
    'areas way ways approach plans planning-wise happen supposed going-to like last next much more most really ' +
    "actually exactly specific specifically detail details include including includes i'm i've let's again now here " +
    'one ones getting long earlier measure measures initiative initiatives deal tackle tackled involve involves ' +
    'involved scheduled individual each sister liaison officer overall promise promised meant mean means out local ' +
    'policy policies step steps thinking article government authorities authority municipal municipality ' +
    // Pronouns and fillers of chat ("is someone going to…", "boss wants to know re: …, ty").
    'someone somebody anyone anybody everyone everybody whoever re ty thx pls plz boss bot people chapter ' +
    // Words of asking in chat ("boss is asking…", "any news on…", "remind me what…").
    'ask asks asked asking remind reminded news update updates ' +
    // Function words that say nothing of the topic ("so that firms don't go under because…").
    "so not don't doesn't didn't won't can't isn't aren't wasn't because since while though although if then " +
    'too very just only still yet already go goes went come comes came might may must further ' +
    // Numbers in words, outside the names they begin ("three rebuilds and one demolition").
    'one two three four five six seven eight nine ten'
  ).split(/\s+/),
);

/** Short forms of chat ("social orgs", "govt", "infra") read as the words they stand for. */
const ABBREVIATIONS: Record<string, string> = {
  org: 'organization',
  orgs: 'organizations',
  govt: 'government',
  gov: 'government',
  dept: 'department',
  depts: 'departments',
  info: 'information',
  biz: 'business',
  econ: 'economy',
  infra: 'infrastructure',
  env: 'environment',
  enviro: 'environment',
  edu: 'education',
  intl: 'international',
  natl: 'national',
  mgmt: 'management',
  dev: 'development',
  ppl: 'people',
  reqs: 'requirements',
  ecommerce: 'e-commerce',
  transpo: 'transport',
  // Words of chat shorthand ("where r we on…", "wht the report says abt…", "this yr").
  abt: 'about',
  wht: 'what',
  wat: 'what',
  r: 'are',
  u: 'you',
  ur: 'your',
  yr: 'year',
  yrs: 'years',
  thru: 'through',
  bc: 'because',
  cuz: 'because',
  rn: 'now',
};

/** A word's stem as English texts are compared: "enterprises", "enterprise" and "enterprising" meet. */
export function stem(word: string): string {
  const w = singular(word.toLowerCase());
  return w.length > 5 ? w.replace(/(?:ing|ed|ation|ations|ment|ments|al|ly|er|ers)$/, '') : w;
}

/** The content words of an English text, stemmed. */
export function englishTerms(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z'-]*/g) ?? []).filter((w) => w.length > 1 && !STOP.has(w)).map(stem);
}

/** A word one edit from a stop word of three letters or more ("wat" for what). */
function isStopSlip(w: string): boolean {
  if (w.length < 3 || !/^[a-z]+$/.test(w)) return false;
  for (const s of STOP)
    if (s.length >= 3 && Math.abs(s.length - w.length) <= 1 && editDistance(w, s, 1) <= 1) return true;
  return false;
}

/** Parse the glossary (english<TAB>中文|中文 a line). */
export function parseGlossary(text: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [en, zh] = line.split('\t');
    if (!en || !zh) continue;
    const terms = zh
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
    map.set(phraseKey(en.trim()), terms);
    // "medium-sized" is also written "medium sized".
    if (en.includes('-')) map.set(phraseKey(en.trim().replace(/-/g, ' ')), terms);
  }
  return map;
}

/** A word without its plural ending, so that "enterprises" and "enterprise" meet. */
export function singular(word: string): string {
  if (word.length <= 3 || word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|x)es$/.test(word)) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/** A phrase as looked up: lower case, each word singular. */
export function phraseKey(phrase: string): string {
  return phrase.toLowerCase().split(/\s+/).filter(Boolean).map(singular).join(' ');
}

function variants(phrase: string): string[] {
  const key = phraseKey(phrase);
  const out = [key];
  if (!key.includes(' ')) {
    if (key.endsWith('ing')) out.push(key.slice(0, -3), `${key.slice(0, -3)}e`);
    if (key.endsWith('ed')) out.push(key.slice(0, -2), key.slice(0, -1));
  }
  return out;
}

const phraseWords = new WeakMap<Map<string, string[]>, string>();

/** Whether some glossary phrase holds these words in a row. */
function startsPhrase(glossary: Map<string, string[]>, words: string): boolean {
  let all = phraseWords.get(glossary);
  if (all === undefined) {
    all = `|${[...glossary.keys()].join('|')}|`.replace(/\|/g, ' | ');
    phraseWords.set(glossary, all);
  }
  return all.includes(` ${phraseKey(words)} `);
}

/** Every single English word the glossary and the dictionary know, for spelling correction. */
export function knownWords(glossary: Map<string, string[]>, cedict: Record<string, string[]>): Set<string> {
  const words = new Set(STOP);
  for (const key of [...glossary.keys(), ...Object.keys(cedict)])
    for (const w of key.split(' ')) if (/^[a-z]{3,}$/.test(w)) words.add(w);
  return words;
}

/** Damerau–Levenshtein distance (adjacent swaps count one), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length]![b.length]!;
}

/**
 * The known word closest to a misspelt one (one edit for short words, two for long). Of equals,
 * one of the same length (a wrong or swapped letter), then one the word is missing a letter of
 * (the commonest slip: "suport" is "support", not "sport").
 */
export function correctSpelling(word: string, known: Set<string>): string | undefined {
  if (word.length < 4 || known.has(word)) return undefined;
  const max = word.length >= 8 ? 2 : 1;
  let best: string[] = [];
  let bestD = max + 1;
  for (const k of known) {
    if (Math.abs(k.length - word.length) > max || (k[0] !== word[0] && k[1] !== word[1])) continue;
    const d = editDistance(word, k, max);
    if (d > max) continue;
    if (d < bestD) [best, bestD] = [[k], d];
    else if (d === bestD) best.push(k);
  }
  return (
    best.find((k) => k.length === word.length) ??
    best.find((k) => k.length > word.length && isSubsequence(word, k)) ??
    best[0]
  );
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}

/** True when a question is written in English rather than Chinese. */
export function isEnglish(text: string): boolean {
  return langOf(text) === 'en';
}

/**
 * The concepts of an English question. Chinese quoted inside it is kept as it is;
 * content words with no translation stay as concepts with no alternatives (they count as
 * unanswered when judging whether the report covers the question).
 */
export function englishConcepts(
  question: string,
  glossary: Map<string, string[]>,
  cedict: Record<string, string[]>,
  /** For a word with no entry: pinyin, or a misspelling of a word that has one. */
  guess?: (word: string) => Omit<Concept, 'text'> | undefined,
  /** Words that name things: untranslated, they weigh as a thing the report lacks. */
  nouns?: Set<string>,
): Concept[] {
  const concepts: Concept[] = [];
  for (const han of question.match(/[\u3400-\u9fff]+/g) ?? []) concepts.push({ text: han, alternatives: [han] });
  const words = question
    .toLowerCase()
    .replace(/[\u3400-\u9fff]+/g, ' ')
    .replace(/[^a-z0-9&' -]+/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/'s$/, '').replace(/^'+|'+$/g, ''))
    .map((w) => ABBREVIATIONS[w] ?? w)
    .filter(Boolean)
    // A hyphenated word the glossary lacks is read as its parts where they begin one of its phrases
    // ("medium-sized" in "small and medium sized enterprises").
    .flatMap((w) =>
      w.includes('-') && !glossary.has(phraseKey(w)) && startsPhrase(glossary, w.replace(/-/g, ' '))
        ? w.split('-').filter(Boolean)
        : [w],
    );
  const lookup = (phrase: string): Omit<Concept, 'text'> | undefined => {
    for (const v of variants(phrase)) {
      const fromGlossary = glossary.get(v);
      if (fromGlossary?.length) return { alternatives: fromGlossary };
    }
    for (const v of variants(phrase)) {
      const fromDictionary = cedict[v];
      if (fromDictionary?.length) return { alternatives: fromDictionary.slice(0, 6), weight: DICTIONARY_WEIGHT };
    }
    return undefined;
  };
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    // "doing to open up": "to" begins the purpose, not a phrase of the dictionary's ("to open").
    const phrases = words[i] === 'to' ? 1 : Math.min(6, words.length - i);
    for (let n = phrases; n >= 2 && !matched; n--) {
      const phrase = words.slice(i, i + n).join(' ');
      const hit = lookup(phrase);
      if (hit) {
        concepts.push({ text: phrase, ...hit });
        matched = n;
      }
    }
    if (!matched) {
      const w = words[i]!;
      if (!STOP.has(w) && !STOP.has(singular(w)) && !/^\d+$/.test(w)) {
        // A hyphenated word with no entry of its own is looked up part by part ("co-governance").
        const parts = w.includes('-') ? w.split('-').filter((p) => p && !STOP.has(p)) : [];
        const found =
          lookup(w) ??
          (parts.length
            ? { alternatives: parts.flatMap((p) => lookup(p)?.alternatives ?? []), weight: DICTIONARY_WEIGHT }
            : undefined) ??
          guess?.(w);
        // A word nothing translates one slip from a word that asks ("wat", "abotu") is that word.
        if (!found?.alternatives.length && isStopSlip(w)) {
          i++;
          continue;
        }
        // A word with no translation at all is more often a word of how than a thing the report
        // lacks — unless it is written as a name or an acronym (GDP, Hangzhou).
        const named = new RegExp(`\\b${w.replace(/[^a-z0-9]/g, '.')}\\b`, 'i').exec(question)?.[0] ?? w;
        // Letters and digits together (5G, G20, A-shares) name a thing as much as a capital does.
        const name = /^[A-Z]/.test(named) || (/\d/.test(w) && /[a-z]/.test(w));
        const untranslated = name || nouns?.has(singular(w)) ? {} : { weight: UNTRANSLATED_WEIGHT };
        concepts.push({ text: w, ...(found?.alternatives.length ? found : { alternatives: [], ...untranslated }) });
      }
      matched = 1;
    }
    i += matched;
  }
  return concepts;
}
