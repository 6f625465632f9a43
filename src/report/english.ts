/**
 * The report's Chinese read as plain English for English replies: an item's or a section's title,
 * a target's metric, figure and unit. A phrase reads as English only when it reads whole — a line of
 * data/english.tsv (the report's own titles, metrics and milestones) or one glossary term — or as a
 * list of such phrases; otherwise it stays Chinese, which reads better than a string of glossed words.
 */
import { TEXT } from '../chat/texts.js';
import { percentOf } from './format.js';
import type { Target } from './types.js';

/** The glossary's English for a phrase that is one of its terms as a whole (search/gloss.ts). */
export interface WholeTerms {
  whole(phrase: string): string | undefined;
}

/** Units that count things: the metric after the figure is the noun (25 leading talents and teams). */
const COUNTED = new Set([...'个项家所条座套台户场次处名人支辆张间大'].concat(''));
/** Money units: how many yuan one of them is. */
const YUAN: Record<string, number> = { 元: 1, 万元: 1e4, 亿元: 1e8 };
/** Units of measure: their English word. */
const MEASURES: Record<string, string> = {
  公里: 'km',
  千米: 'km',
  米: 'metres',
  平方米: 'square metres',
  平方公里: 'square km',
  公顷: 'hectares',
  亩: 'mu',
  吨: 'tonnes',
};

/** `10000000000` → `10 billion`, `22000` → `22,000`: how an English reader counts. */
function englishNumber(n: number): string {
  for (const [size, word] of [
    [1e9, 'billion'],
    [1e6, 'million'],
  ] as const)
    if (Math.abs(n) >= size && Number.isInteger((n / size) * 100)) return `${n / size} ${word}`;
  return n.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** Reads the report's titles, metrics and figures as English, or says it cannot (undefined). */
export class English {
  /** The report's phrases → English, from data/english.tsv. */
  private readonly phrases: Map<string, string>;

  constructor(
    phrasesText: string,
    private readonly glosses?: WholeTerms,
  ) {
    this.phrases = new Map(
      phrasesText
        .split('\n')
        .filter((l) => l.trim() && !l.startsWith('#'))
        .map((l) => l.split('\t').map((x) => x.trim()) as [string, string])
        .filter(([zh, en]) => zh && en),
    );
  }

  /**
   * The English of a Chinese phrase read whole, or of a list of such phrases (`A、B和C`); undefined
   * when any part has none, so that the caller keeps the Chinese.
   */
  phrase(zh: string): string | undefined {
    const whole = (p: string) => this.phrases.get(p) ?? this.glosses?.whole(p);
    const found = whole(zh.trim());
    if (found) return found;
    const parts = zh.split(/、|和|及|与/).map((p) => p.trim());
    if (parts.length < 2) return undefined;
    const english = parts.map(whole);
    if (english.some((e) => !e)) return undefined;
    return `${english.slice(0, -1).join(', ')} and ${english.at(-1)}`;
  }

  /**
   * A title in English where it reads whole. A name the title quotes stays beside its English
   * (`Keep up the Five Waters Co-governance (五水共治)`): staff know the programme by that name, and
   * it may be what they asked about.
   */
  title(zh: string): string | undefined {
    const en = this.phrase(zh);
    if (!en) return undefined;
    const names = [...zh.matchAll(/“([^”]+)”/g)].map((m) => m[1]!);
    return names.length ? `${en}${TEXT.paren.en(names.join(', '))}` : en;
  }

  /** An amount of a target's unit in English: `25`, `10 billion yuan`, `60 km`, `5%`. */
  amount(t: Pick<Target, 'unit'>, value: number): string {
    if (t.unit in YUAN) return `${englishNumber(value * YUAN[t.unit]!)} yuan`;
    if (t.unit === '%') return `${englishNumber(value)}%`;
    const measure = MEASURES[t.unit];
    if (measure) return `${englishNumber(value)} ${measure}`;
    return COUNTED.has(t.unit) ? englishNumber(value) : `${englishNumber(value)} ${t.unit}`;
  }

  /**
   * A target as an English reader says it: `at least **25** leading talents and teams`,
   * `**10 billion yuan** of city-level investment`, `put the bus IC card system into service`. A
   * metric with no English keeps its Chinese after the figure; a milestone with none is marked one.
   */
  target(t: Target, { bold = false } = {}): string {
    if (t.kind === 'milestone') return this.phrase(t.text) ?? TEXT.milestonePhrase.en(t.text);
    const cmp = t.comparator === '>=' ? TEXT.atLeast.en : t.comparator === '<=' ? TEXT.atMost.en : '';
    const amount = this.amount(t, t.value);
    const figure = bold ? `**${amount}**` : amount;
    const counted = COUNTED.has(t.unit);
    const metric = this.phrase(t.metric) ?? t.metric;
    return `${cmp}${figure}${counted ? ' ' : ' of '}${metric}`;
  }

  /** Where a target stands, in English: `12 of 25 (48%)`, `2,000 of 22,000 (9%)`. */
  standing(t: Target, value: number): string {
    if (t.kind === 'milestone') return TEXT.milestoneStanding.en(value >= 1);
    return `${this.amount(t, value)} of ${this.amount(t, t.value)} (${percentOf(t, value)}%)`;
  }
}
