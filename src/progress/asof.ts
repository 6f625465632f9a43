/**
 * The date a progress value held, when the message says it: `截至6月底`, `截止6月30日`,
 * `截至2015年6月`, `as of 30 June`, `as of June 30`, `as of 2015-06-30`. The value counts from
 * the end of that day (in the configured time zone).
 */
import { isCalendarDate, startOfLocalDay } from '../time.js';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const ZH = /(?:截至|截止|截止到|到)\s*(?:(\d{4})\s*年)?\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号]|\s*(底|末))?/;
const EN_DMY = /\bas of\s+(\d{1,2})\s+([a-z]{3,9})\.?(?:\s+(\d{4}))?/i;
const EN_MDY = /\bas of\s+([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?/i;
const ISO = /\b(?:as of|截至|截止)\s*(\d{4})-(\d{2})-(\d{2})\b/i;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export type AsOf = { date: string; at: Date } | { problem: 'no-such-day' | 'future'; date: string };

/** The as-of date a text names, if any; `year` when the text gives none. */
export function parseAsOf(text: string, year: number, tz: string, now: Date): AsOf | undefined {
  let y: number;
  let m: number;
  let d: number;
  const iso = ISO.exec(text);
  const zh = ZH.exec(text);
  const dmy = EN_DMY.exec(text);
  const mdy = EN_MDY.exec(text);
  const month = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (zh) {
    y = zh[1] ? Number(zh[1]) : year;
    m = Number(zh[2]);
    d = zh[3] ? Number(zh[3]) : lastDay(y, m);
  } else if (dmy && month(dmy[2]!) > 0) [y, m, d] = [dmy[3] ? Number(dmy[3]) : year, month(dmy[2]!), Number(dmy[1])];
  else if (mdy && month(mdy[1]!) > 0) [y, m, d] = [mdy[3] ? Number(mdy[3]) : year, month(mdy[1]!), Number(mdy[2])];
  else return undefined;
  const date = `${y}-${pad(m)}-${pad(d)}`;
  if (!isCalendarDate(date)) return { problem: 'no-such-day', date };
  const endOfDay = new Date(startOfLocalDay(date, tz).getTime() + 86400000 - 1);
  if (startOfLocalDay(date, tz) > now) return { problem: 'future', date };
  return { date, at: endOfDay < now ? endOfDay : now };
}
