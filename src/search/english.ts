/**
 * English questions, offline: English words and phrases → the report's Chinese terms, from the
 * glossary in data/ first and CC-CEDICT (filtered to the reports' words) after. Each English
 * concept keeps its alternatives, so "credit system" can match 信用体系 or 征信体系.
 */
import { readFileSync } from 'node:fs';

/** One thing the question asks about, with the Chinese words that can stand for it. */
export interface Concept {
  text: string;
  alternatives: string[];
}

const STOP = new Set(
  ('a an the of for to in on at by with and or is are was were be been being do does did will would shall should can could ' +
    'what which who whom whose when where why how many much any some there this that these those it its our their your my ' +
    'about from into than as per year years target targets goal goals aim plan planned progress status number amount ' +
    'i we you they me us tell show give please know want need does has have had how\'s what\'s city\'s government\'s ' +
    'city state current currently latest new arrangement arrangements going work be done doing happen happening')
    .split(/\s+/),
);

/** Parse the glossary file (english<TAB>中文|中文). */
export function loadGlossary(file: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [en, zh] = line.split('\t');
    if (en && zh) map.set(en.trim().toLowerCase(), zh.split('|').map((s) => s.trim()).filter(Boolean));
  }
  return map;
}

function variants(word: string): string[] {
  const out = [word];
  if (word.endsWith('ies')) out.push(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  if (word.endsWith('s')) out.push(word.slice(0, -1));
  if (word.endsWith('ing')) out.push(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (word.endsWith('ed')) out.push(word.slice(0, -2), word.slice(0, -1));
  return out;
}

/** True when a question is written in English rather than Chinese. */
export function isEnglish(text: string): boolean {
  const han = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  return latin > han * 2;
}

/**
 * The concepts of an English question. Chinese quoted inside it is kept as it is;
 * content words with no translation stay as concepts with no alternatives (they count as
 * unanswered when judging whether the report covers the question).
 */
export function englishConcepts(question: string, glossary: Map<string, string[]>, cedict: Record<string, string[]>): Concept[] {
  const concepts: Concept[] = [];
  for (const han of question.match(/[\u3400-\u9fff]+/g) ?? []) concepts.push({ text: han, alternatives: [han] });
  const words = question
    .toLowerCase()
    .replace(/[\u3400-\u9fff]+/g, ' ')
    .replace(/[^a-z0-9&' -]+/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
  const lookup = (phrase: string): string[] | undefined => {
    for (const v of variants(phrase)) {
      const hit = glossary.get(v) ?? cedict[v];
      if (hit?.length) return hit.slice(0, 6);
    }
    return undefined;
  };
  for (let i = 0; i < words.length; ) {
    let matched = 0;
    for (let n = Math.min(6, words.length - i); n >= 2 && !matched; n--) {
      const phrase = words.slice(i, i + n).join(' ');
      const hit = lookup(phrase);
      if (hit) {
        concepts.push({ text: phrase, alternatives: hit });
        matched = n;
      }
    }
    if (!matched) {
      const w = words[i]!;
      if (!STOP.has(w) && !/^\d+$/.test(w)) concepts.push({ text: w, alternatives: lookup(w) ?? [] });
      matched = 1;
    }
    i += matched;
  }
  return concepts;
}
