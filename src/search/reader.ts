/**
 * Reading a question the way a person means it: the clauses that speak of the topic, everyday
 * words as the report's terms (看病 → 医疗卫生), sound-alike slips (禁形 → 禁行), pinyin (sgyc →
 * 三改一拆), English through the glossary, CC-CEDICT, spelling and WordNet synonyms, and how
 * much each word counts.
 */

import type { Lang } from '../chat/types.js';
import { type Concept, correctSpelling, englishConcepts, isEnglish, knownWords } from './english.js';
import { lazy } from './files.js';
import { fromPinyin, type PinyinData, soundsLike } from './pinyin.js';
import { STOP, stripQuestionWords, type Tokenizer } from './tokenize.js';

/** Weight of a concept read through a guess: a misspelling, pinyin, a sound-alike word. */
const GUESS_WEIGHT = 0.7;
/** Weight of a concept read through a WordNet synonym. */
const SYNONYM_WEIGHT = 0.5;
/** Weight of a question word the report lacks that is a common verb or adverb ("遇到"), not a thing. */
const GENERIC_WEIGHT = 0.3;
/** Weight of an everyday noun the report lacks ("名字", "家里"): less likely the topic than a rare one. */
const EVERYDAY_WEIGHT = 0.5;
/** jieba frequency from which a character on its own is an everyday word (能, 好, 要), never a slip. */
const COMMON_CHAR_FREQ = 20000;
/** jieba frequency from which a word counts as everyday. */
const EVERYDAY_FREQ = 3000;

/** A question made ready for search. */
export interface Query {
  question: string;
  lang: Lang;
  concepts: Concept[];
  /** Chinese text searched for (the question, or the English mapped to Chinese). */
  text: string;
  /** The clauses that speak of the topic ("刚接到电话，群众问社会抚养费的事" → the second): what is asked. */
  focus?: string;
}

/** What the reader needs, all made with the index from the reports and data/. */
/**
 * What a reader reads questions with. The index hands over most of it as getters that parse a file on
 * first use, so the reader reaches a field only when a question needs it.
 */
export interface ReaderData {
  /** Every passage's text, lower case. */
  corpus: string;
  tokenizer: Tokenizer;
  glossary: Map<string, string[]>;
  cedict: Record<string, string[]>;
  /** The reports' cities: what every question is about, so they narrow nothing down. */
  cities: string[];
  /** Common verbs, adverbs and the like of general Chinese. */
  generic: Set<string>;
  /** Traditional → simplified characters. */
  traditional: Record<string, string>;
  pinyin: PinyinData;
  /** Everyday words → the report's terms, longest first. */
  colloquial: [string, string[]][];
  /** Places the reports do not mention, and big places they name in passing with what follows them there. */
  places: { zh: string[]; en: string[]; named: Record<string, string[]>; namedEn: string[] };
  /** English words spelt right (CC-CEDICT's glosses). */
  spelled: Set<string>;
  /** English words that name things (CC-CEDICT's one-word glosses of nouns), singular. */
  nouns: Set<string>;
  /** jieba's frequency of each dictionary word. */
  frequency: Map<string, number>;
  /** The report's own terms (quoted names, target metrics, glossary terms): never everyday words. */
  ownTerms: Set<string>;
  /** English words the glossary and dictionary lack → ones they know, through WordNet. */
  synonyms: Record<string, string[]>;
}

/** What people put inside a verb and its object: 办(个)事, 盖(一堆)章, 跑(好几个)窗口, 办(几件)实事, 农村(的)房子. */
const INSIDE = '[一二两三几个件好堆趟次些了过点遍大把的]{0,4}';
const looseMemo = new Map<string, RegExp>();

/**
 * An everyday word as found in a question, also with a measure, an aspect or 的 put inside it at
 * one place (a word of two to four characters).
 */
function looseWord(word: string): RegExp {
  let re = looseMemo.get(word);
  if (!re) {
    const chars = [...word].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const forms = /^[\u3400-\u9fff]{2,4}$/.test(word)
      ? chars.slice(1).map((_, i) => `${chars.slice(0, i + 1).join('')}${INSIDE}${chars.slice(i + 1).join('')}`)
      : [chars.join('')];
    re = new RegExp(forms.join('|'), 'g');
    looseMemo.set(word, re);
  }
  re.lastIndex = 0;
  return re;
}

export class QuestionReader {
  private readonly tokenizer: Tokenizer;
  private readonly glossary: Map<string, string[]>;
  private readonly cities: string[];
  private readonly colloquial: [string, string[]][];
  private readonly ownTerms: Set<string>;
  private readonly corpus: string;

  constructor(private readonly d: ReaderData) {
    ({
      tokenizer: this.tokenizer,
      glossary: this.glossary,
      cities: this.cities,
      colloquial: this.colloquial,
      ownTerms: this.ownTerms,
      corpus: this.corpus,
    } = d);
  }

  private readonly englishWords = lazy(() => {
    const known = knownWords(this.d.glossary, this.d.cedict);
    // A place whose name is also an English word ("One") is not taken for a place.
    const placesEn = new Set(this.d.places.en.filter((p) => !this.d.spelled.has(p) && !known.has(p)));
    return { known, placesEn };
  });

  private readonly places = lazy(() => ({
    zh: new Set(this.d.places.zh),
    named: this.d.places.named,
    namedEn: new Set(this.d.places.namedEn),
  }));

  /** A question typed in traditional characters, in simplified ones. */
  private simplified(text: string): string {
    return text.replace(/[\u3400-\u9fff]/g, (c) => this.d.traditional[c] ?? c);
  }

  /** Turn a question into concepts and the Chinese text to search. */
  prepare(asked: string): Query {
    const question = this.simplified(asked);
    if (isEnglish(question)) {
      // The city is what the whole report is about, in English too ("Cixi's target for …").
      const concepts = this.english(question);
      return { question: asked, lang: 'en', concepts, text: concepts.flatMap((c) => c.alternatives).join(' ') };
    }
    // The city is what the whole report is about: naming it narrows nothing down.
    const focus = this.topicClauses(question);
    let text = this.cities
      .reduce((t, city) => t.replaceAll(`${city}市`, ' ').replaceAll(city, ' '), focus)
      .toLowerCase();
    const concepts: Concept[] = [];
    // Everyday words first ("看病" → 医疗卫生; before the words that only ask are dropped, so that
    // 找工作 keeps its 工作), then English or pinyin words inside a Chinese question.
    for (const [word, terms] of this.colloquial) {
      // Most words are not there at all: look for the loose form only where its first and last characters are.
      if (!text.includes(word) && !(text.includes(word[0]!) && text.includes(word.slice(-1)) && word.length > 1))
        continue;
      const loose = looseWord(word);
      if (!loose.test(text)) continue;
      concepts.push({ text: word, alternatives: terms, everyday: true });
      text = text.replace(loose, ' ');
    }
    text = stripQuestionWords(text);
    text = text.replace(/[a-z][a-z0-9'&.-]*(?: [a-z][a-z0-9'&.-]*)*/g, (latin) => {
      if (this.corpus.includes(latin)) return ` ${latin} `;
      concepts.push(...this.english(latin));
      return ' ';
    });
    text = this.soundAlikes(text);
    const seen = new Set(concepts.map((c) => c.text));
    for (const w of this.tokenizer.cut(text)) {
      if (seen.has(w)) continue;
      seen.add(w);
      // A long name the report lacks but holds with one character slipped ("上林因才" for 上林英才).
      const slip = this.oneSlip(w);
      if (slip) concepts.push({ text: w, alternatives: [slip], weight: GUESS_WEIGHT });
      else concepts.push({ text: w, alternatives: [w], ...this.chineseWeight(w) });
    }
    const searched = [
      text,
      ...concepts.filter((c) => c.alternatives[0] !== c.text).flatMap((c) => c.alternatives),
    ].join(' ');
    return { question: asked, lang: 'zh', concepts, text: searched, focus };
  }

  /**
   * The one run of the reports' text a word of four or more characters matches but for one
   * character, when there is exactly one such run; a typo that sounds unlike the word it spoils.
   */
  private oneSlip(w: string): string | undefined {
    const n = [...w].length;
    if (n < 4 || n > 8 || w.length !== n || !/^[\u3400-\u9fff]+$/.test(w) || this.corpus.includes(w)) return undefined;
    const found = new Set<string>();
    for (let i = 0; i + n <= this.corpus.length; i++) {
      let off = 0;
      for (let k = 0; k < n && off < 2; k++) if (this.corpus[i + k] !== w[k]) off++;
      if (off === 1) found.add(this.corpus.slice(i, i + n));
      if (found.size > 1) return undefined;
    }
    const [slip] = found;
    return slip && /^[\u3400-\u9fff]+$/.test(slip) ? slip : undefined;
  }

  /**
   * The clauses of a question that speak of something the report knows. "刚接到电话，群众问社会
   * 抚养费的事" is about 社会抚养费; the call is why they ask. A clause is kept when one of its
   * words (or everyday words) is in the reports, or when it is the only one.
   */
  private topicClauses(question: string): string {
    const clauses = question.split(/[，,；;：:]/).filter((c) => c.trim());
    if (clauses.length < 2) return question;
    const known = (clause: string) =>
      this.colloquial.some(([word]) => clause.includes(word)) ||
      /[a-z]{2,}/i.test(clause) ||
      this.tokenizer.cut(stripQuestionWords(clause)).some((w) => [...w].length >= 2 && this.corpus.includes(w));
    const kept = clauses.filter(known);
    return kept.length ? kept.join('，') : question;
  }

  /**
   * How much a Chinese word of a question counts. A common verb or adverb the report lacks
   * ("遇到") counts little; so does a stray run of characters no dictionary knows (the pieces of
   * "还能"). Everyday words ("条件", "群众", "名字") count less than rare ones, in the report or
   * not: a rare word is more likely what the question is about.
   */
  private chineseWeight(w: string): { weight?: number } {
    const absent = !this.corpus.includes(w);
    const freq = this.d.frequency.get(w);
    if (absent && this.d.generic.has(w)) return { weight: GENERIC_WEIGHT };
    // A run no dictionary knows made of everyday characters ("能好点"): how, not what.
    if (absent && freq === undefined && [...w].every((c) => (this.d.frequency.get(c) ?? 0) >= COMMON_CHAR_FREQ))
      return { weight: GENERIC_WEIGHT };
    if (absent && freq === undefined && [...w].length <= 3) return { weight: EVERYDAY_WEIGHT };
    if ((freq ?? 0) >= EVERYDAY_FREQ && !this.ownTerms.has(w)) return { weight: EVERYDAY_WEIGHT };
    return {};
  }

  /** Concepts of English words, with pinyin and misspellings read as what they stand for. */
  private english(text: string): Concept[] {
    const guess = (word: string): Omit<Concept, 'text'> | undefined => {
      const han = fromPinyin(word, this.d.pinyin);
      if (han.length) return { alternatives: han, weight: GUESS_WEIGHT };
      const fixed = this.d.spelled.has(word) ? undefined : correctSpelling(word, this.englishWords().known);
      if (!fixed) return this.synonym(word);
      const [c] = englishConcepts(fixed, this.glossary, this.d.cedict);
      return c?.alternatives.length
        ? { alternatives: c.alternatives, weight: (c.weight ?? 1) * GUESS_WEIGHT }
        : undefined;
    };
    // Pinyin written as separate syllables, with or without tones ("wu shui gong zhi", "hé zhǎng zhì"),
    // is one report word: read runs of such syllables whole.
    const plain = text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/ü/g, 'v');
    const syllables = plain.replace(/[a-z]+(?:[\s'-]+[a-z]+){1,7}/gi, (run) => {
      const han = fromPinyin(run, this.d.pinyin);
      return han.length ? ` ${han[0]} ` : run;
    });
    // Misspelt words are mended first, so that phrases read whole ("urban and rurl areas").
    const mended = syllables.replace(/[A-Za-z]{4,}/g, (w) => {
      const lower = w.toLowerCase();
      if (
        this.d.spelled.has(lower) ||
        this.englishWords().known.has(lower) ||
        this.glossary.has(lower) ||
        fromPinyin(lower, this.d.pinyin).length
      )
        return w;
      return correctSpelling(lower, this.englishWords().known) ?? w;
    });
    return englishConcepts(mended, this.glossary, this.d.cedict, guess, this.d.nouns).filter(
      (c) => !c.alternatives.some((a) => this.cities.includes(a)),
    );
  }

  /** What a word nothing translates stands for through a WordNet synonym ("trouble" → difficulty → 困难), weakly. */
  private synonym(word: string): Omit<Concept, 'text'> | undefined {
    const base = [
      word,
      word.replace(/(?:ies)$/, 'y'),
      word.replace(/(?:es|s)$/, ''),
      word.replace(/ing$/, ''),
      word.replace(/ing$/, 'e'),
      word.replace(/ed$/, ''),
      word.replace(/ed$/, 'e'),
      word.replace(/d$/, ''),
    ];
    const via = base.map((w) => this.d.synonyms[w]).find((list) => list?.length);
    if (!via) return undefined;
    const alternatives = [
      ...new Set(via.flatMap((w) => englishConcepts(w, this.glossary, this.d.cedict)[0]?.alternatives ?? [])),
    ].slice(0, 6);
    return alternatives.length ? { alternatives, weight: SYNONYM_WEIGHT } : undefined;
  }

  /**
   * Words of the question the report does not hold, that sound like a report word and share a
   * character with it, are read as that word (voice input writes 禁形 for 禁行, 权利清单 for
   * 权力清单). One to four of jieba's words are tried together, longest first.
   */
  private soundAlikes(text: string): string {
    const tokens = this.tokenizer.raw(text);
    const out: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      let taken = 0;
      for (let n = Math.min(4, tokens.length - i); n >= 1 && !taken; n--) {
        const group = tokens.slice(i, i + n);
        const piece = group.join('');
        if (!/^[\u3400-\u9fff]{2,6}$/.test(piece) || this.corpus.includes(piece) || group.some((t) => STOP.has(t)))
          continue;
        if (group.every((t) => t.length > 1 && this.corpus.includes(t))) continue;
        // Everyday words of one character each ("能好点" is 能 + 好, not 能耗) are what they say.
        if (group.every((t) => t.length === 1 && (this.d.frequency.get(t) ?? 0) >= COMMON_CHAR_FREQ)) continue;
        const [word] = soundsLike(piece, this.d.pinyin);
        if (word) {
          out.push(word);
          taken = n;
        }
      }
      if (!taken) out.push(tokens[i]!);
      i += taken || 1;
    }
    return out.join('');
  }

  /** True when the question names a place the reports do not mention (another city, say). */
  namesOtherPlace(query: Query): boolean {
    if (query.lang === 'en') {
      const words = query.question.match(/[A-Za-z]+|\d+/g) ?? [];
      // What the reports name right after a place they mention in passing (宁波“3315计划”): how its numbers begin.
      const ownNumbers = Object.values(this.places().named).flatMap((after) => after.join(' ').match(/\d+/g) ?? []);
      return words.some((w, i) => {
        const name = w.toLowerCase();
        if (!/^[A-Z]/.test(w)) return false;
        if (this.englishWords().placesEn.has(name)) return true;
        // "the Ningbo 3315 plan", "Ningbo's 3315 plan" are the report's; "Ningbo's jobs target", "in Ningbo"
        // are another city's.
        const next = words[i + 1] === 's' ? words[i + 2] : words[i + 1];
        if (next && /^\d+$/.test(next) && ownNumbers.some((n) => next.startsWith(n))) return false;
        return (
          this.places().namedEn.has(name) &&
          (/^(?:city|s|municipal|province|government)$/i.test(words[i + 1] ?? '') ||
            /^(?:in|for|of|at)$/i.test(words[i - 1] ?? ''))
        );
      });
    }
    // As words of the question, not as characters that happen to stand together (东西安全 is not 西安).
    const q = this.simplified(query.question);
    const flat = q.replace(/[“”"‘’\s]/g, '');
    return this.tokenizer.cut(q).some((w) => {
      const stem = w.replace(/[市县区省]$/, '');
      if (this.places().zh.has(w) || this.places().zh.has(stem)) return true;
      // 宁波3315计划 is the report's; 宁波市区 is another city's.
      const after = this.places().named[stem];
      return after !== undefined && !after.some((next) => flat.includes(`${stem}${next}`));
    });
  }
}
