/**
 * The value in a progress message or a CSV cell — one reader for both. `已引进领军人才及团队12个`
 * → 12, `+2` → add 2, `十二个` → 12, `1.2万人` → 12000, `62亿元` → 6200000000. Only whole number
 * tokens count: never digits inside a longer number or a name (`3315计划`), a mention (`<@U024…>`),
 * a channel, a link, a date, an ordinal (`第3批`) or a record or item reference (`4.3#2`, `#17`).
 * A value is finite, not negative and below a sane ceiling; `1e3`, `0x10` and a spreadsheet
 * formula (`=A1*3`, `=1+2`: its result is not in the text) are answered with what to type instead.
 */
import { CHINESE_NUMERAL_CHARS, parseNumber } from '../report/numbers.js';

export type ValueProblem = 'none' | 'negative' | 'percent' | 'notation' | 'too-large';

export type ParsedValue =
  | { ok: true; mode: 'absolute' | 'delta'; value: number }
  | { ok: false; problem: ValueProblem; written?: string };

/** No count or sum in a city's work report comes near this (a million 亿). */
export const CEILING = 1e14;

/** What is never a value, whatever digits it holds. */
const NOT_VALUES = new RegExp(
  [
    '<[@#!][^>]*>', // Slack mentions and channels
    '@[^\\s\\u2005@]{1,30}', // WeChat @names
    '(?:https?://|www\\.)\\S+', // links
    '\\d{4}\\s*年(?:\\s*\\d{1,2}\\s*月)?(?:\\s*\\d{1,2}\\s*[日号])?',
    '\\d{1,2}\\s*月(?:份|底|末|初|中旬|上旬|下旬)?(?:\\s*\\d{1,2}\\s*[日号])?',
    '\\d{1,2}\\s*[日号]',
    '\\d{4}[-/.]\\d{1,2}(?:[-/.]\\d{1,2})?',
    '第\\s*[\\d一二三四五六七八九十百]+\\s*[批季期次届个项条号]?',
    '\\d+(?:\\.\\d+)*\\s*[#＃]\\s*\\d+', // a target reference: 4.3#2
    '[#＃]\\s*\\d+', // a record number: #17
    `[“"「]?[\\d${CHINESE_NUMERAL_CHARS}]+[”"」]?\\s*(?:计划|工程|行动|规划|方面|战略|项目库)`, // names: 3315计划, 千人计划
    '十[一二三四五]五', // plan periods: 十三五
  ].join('|'),
  'g',
);

const MEASURE = '个项家所名条座次人支套台户处辆场间亩公里批件元';
/** A whole number token: not glued to other digits, letters or a decimal point. */
const NUMBER = new RegExp(
  [
    '(?<![\\d.,A-Za-z])(\\d[\\d,]*(?:\\.\\d+)?)([千万亿]*)(?![\\d.A-Za-z])',
    `([${CHINESE_NUMERAL_CHARS}]+)(?=[${MEASURE}万亿])`,
  ].join('|'),
  'g',
);
/** Notations a person types by mistake, or a machine writes: `1e3`, `0x10`. */
const NOTATION = /(?<![\dA-Za-z])(?:\d+(?:\.\d+)?[eE][+-]?\d+|0[xX][0-9a-fA-F]+)(?![\dA-Za-z])/;

/** A spreadsheet formula: `=` then a reference, a function or arithmetic (`= 12个` is just 12). */
const FORMULA = /(?:^|\s)([=＝]\s*\S*[A-Za-z()*/^+\-－]\S*)/;

/** The text without everything that only looks like a value. */
function withoutNonValues(text: string): string {
  return text.replace(NOT_VALUES, ' ');
}

function checked(value: number, mode: 'absolute' | 'delta', written: string): ParsedValue {
  if (!Number.isFinite(value) || value > CEILING) return { ok: false, problem: 'too-large', written };
  return { ok: true, mode, value };
}

/**
 * Read the value of a progress message. `unit` is the target's unit: a number followed by it
 * (with or without 万/亿) wins over other numbers, and for a percent target (`%`) `93%` is 93.
 */
export function parseValue(text: string, unit = ''): ParsedValue {
  const t = withoutNonValues(text.trim()).trim();
  const notation = NOTATION.exec(t);
  if (notation) return { ok: false, problem: 'notation', written: notation[0] };
  // Before the references are blanked: `=4.3#1*2` is a formula too.
  const formula = FORMULA.exec(text);
  if (formula) return { ok: false, problem: 'notation', written: formula[1] };
  if (/^[-－−]\s*\d/.test(t) || /(?:^|\s)[-－−]\s*\d/.test(t)) return { ok: false, problem: 'negative' };
  const delta = /^[+＋]\s*(\d[\d,]*(?:\.\d+)?[千万亿]*|[一二两三四五六七八九十百千万]+)(?![\d.A-Za-z])/.exec(t);
  if (delta) {
    const v = parseNumber(delta[1]!);
    return v === undefined ? { ok: false, problem: 'none' } : checked(v, 'delta', delta[1]!);
  }
  const percentTarget = unit === '%' || unit === '％';
  const found: { value: number; raw: string; unitFollows: boolean; percent: boolean }[] = [];
  for (const m of t.matchAll(NUMBER)) {
    const raw = m[1] !== undefined ? `${m[1]}${m[2] ?? ''}` : m[3]!;
    const value = parseNumber(raw);
    if (value === undefined) continue;
    const rest = t.slice(m.index + m[0].length).trimStart();
    const percent = /^[%％]/.test(rest);
    const unitFollows = Boolean(unit) && !percentTarget && rest.startsWith(unit);
    found.push({ value, raw, unitFollows: unitFollows || (percentTarget && percent), percent });
  }
  const pick = found.find((f) => f.unitFollows) ?? found[0];
  if (!pick) return { ok: false, problem: 'none' };
  if (pick.percent && !percentTarget) return { ok: false, problem: 'percent' };
  if (pick.raw.replace(/\D/g, '').length > 15) return { ok: false, problem: 'too-large', written: pick.raw };
  return checked(pick.value, 'absolute', pick.raw);
}
