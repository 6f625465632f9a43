/**
 * The value in a progress message: `已引进领军人才及团队12个` → 12, `+2` → add 2, `十二个` → 12,
 * `1.2万人` → 12000. Dates and ordinals (`11月20日`, `第3批`) are not values.
 */
import { CHINESE_NUMERAL_CHARS, parseNumber } from '../report/numbers.js';

export type ParsedValue =
  | { ok: true; mode: 'absolute' | 'delta'; value: number }
  | { ok: false; problem: 'none' | 'negative' | 'percent' };

const NOT_VALUES = new RegExp(
  [
    '\\d{4}\\s*年',
    '\\d{1,2}\\s*月(?:\\s*\\d{1,2}\\s*[日号])?',
    '\\d{1,2}\\s*[日号]',
    '\\d{4}[-/.]\\d{1,2}(?:[-/.]\\d{1,2})?',
    '第\\s*[\\d一二三四五六七八九十]+\\s*[批季期次届个]?',
    '\\d+(?:\\.\\d+)?\\s*(?:亿元|万元|元)?\\s*[#＃]\\s*\\d+',
  ].join('|'),
  'g',
);
const MEASURE = '个项家所名条座次人支套台户处辆场间亩公里批件';
const NUMBER = new RegExp(`(\\d[\\d,]*(?:\\.\\d+)?[千万亿]*)|([${CHINESE_NUMERAL_CHARS}]+)(?=[${MEASURE}万])`, 'g');

/**
 * Read the value of a progress message. `unit` (the target's unit) helps pick the right number
 * when there are several: one followed by the unit wins.
 */
export function parseValue(text: string, unit = ''): ParsedValue {
  const t = text.trim();
  if (/^[-－−]\s*\d/.test(t) || /(?:^|\s)[-－−]\s*\d/.test(t)) return { ok: false, problem: 'negative' };
  const delta = /^[+＋]\s*(\d[\d,]*(?:\.\d+)?[千万亿]*|[一二两三四五六七八九十百千万]+)/.exec(t);
  if (delta) {
    const v = parseNumber(delta[1]!);
    return v === undefined ? { ok: false, problem: 'none' } : { ok: true, mode: 'delta', value: v };
  }
  const cleaned = t.replace(NOT_VALUES, ' ');
  if (/\d\s*[%％]/.test(cleaned)) return { ok: false, problem: 'percent' };
  const found: { value: number; unitFollows: boolean }[] = [];
  for (const m of cleaned.matchAll(NUMBER)) {
    const raw = m[1] ?? m[2]!;
    const value = parseNumber(raw);
    if (value === undefined) continue;
    const rest = cleaned.slice(m.index + m[0].length).trimStart();
    found.push({ value, unitFollows: Boolean(unit) && rest.startsWith(unit) });
  }
  const pick = found.find((f) => f.unitFollows) ?? found[0];
  return pick ? { ok: true, mode: 'absolute', value: pick.value } : { ok: false, problem: 'none' };
}
