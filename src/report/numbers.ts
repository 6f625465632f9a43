/**
 * Numbers as government reports write them: Arabic digits with Chinese multipliers (`2.2万`),
 * and Chinese numerals (`二十五`, `两`, `百`, `一千二百万`). Decimals are scaled on the digit
 * string, so `4.52万` is exactly 45200 and never 45199.99999.
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };
const MULTIPLIER_ZEROS: Record<string, number> = { 十: 1, 百: 2, 千: 3, 万: 4, 亿: 8 };

/** Characters that may appear in a Chinese numeral. */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/** Multiply a decimal digit string by 10^zeros exactly. */
function scaleDecimal(digits: string, zeros: number): number {
  const [intPart, fracPart = ''] = digits.replace(/,/g, '').split('.');
  const frac = fracPart.padEnd(zeros, '0');
  const whole = intPart + frac.slice(0, zeros);
  const rest = frac.slice(zeros);
  return Number(rest ? `${whole}.${rest}` : whole);
}

/** Parse a Chinese numeral such as `二十五`, `一千二百万`, `百`, `两`; undefined if it is not one. */
export function parseChineseNumeral(text: string): number | undefined {
  if (!text || [...text].some((c) => !CHINESE_NUMERAL_CHARS.includes(c))) return undefined;
  let total = 0; // completed 亿/万 groups
  let group = 0; // current group below 万
  let digit: number | undefined;
  for (const ch of text) {
    if (ch in DIGITS) {
      if (digit !== undefined && digit !== 0) return undefined; // `十三五`, `三五`: a name, not a number
      digit = DIGITS[ch];
    } else if (ch in SMALL_UNITS) {
      group += (digit ?? 1) * SMALL_UNITS[ch]!;
      digit = undefined;
    } else {
      const big = BIG_UNITS[ch]!;
      group += digit ?? 0;
      digit = undefined;
      if (group === 0 && total === 0) group = 1; // bare 万 / 亿
      if (big === 1e8) total = (total + group) * big;
      else total += group * big;
      group = 0;
    }
  }
  return total + group + (digit ?? 0);
}

/**
 * Parse a number as written in a report or a chat message: `25`, `2.2万`, `4.52万`, `1,200`,
 * `二十五`, `百亿`, `3千`. Returns undefined when the text is not a number.
 */
export function parseNumber(text: string): number | undefined {
  const t = text.trim();
  const arabic = /^(\d[\d,]*(?:\.\d+)?)([十百千万亿]*)$/.exec(t);
  if (arabic) {
    const zeros = [...arabic[2]!].reduce((sum, c) => sum + MULTIPLIER_ZEROS[c]!, 0);
    return scaleDecimal(arabic[1]!, zeros);
  }
  return parseChineseNumeral(t);
}
