/**
 * Report periods: the calendar week (Monday–Sunday) or month holding a local date, in the
 * configured time zone, and what people type to pick one (`上周`, `last`, `全部`, `2015-06-03`).
 */
import { isCalendarDate, startOfLocalDay } from '../time.js';

export type PeriodKind = 'week' | 'month';

export interface Period {
  kind: PeriodKind;
  /** First and last local dates, both inside the period. */
  start: string;
  end: string;
  /** The instants it runs between: [from, to). */
  from: Date;
  to: Date;
}

/** What a chat command or the CLI asked for. */
export interface PeriodRequest {
  /** Week or month, when the words said it (`导出 周`). */
  kind?: PeriodKind;
  /** The period before the one holding the date. */
  previous: boolean;
  /** Every line, not the first few. */
  all: boolean;
  /** A local date inside the period; today when not given. */
  date?: string;
}

/** A word that did not fit, as typed. */
export interface PeriodArgError {
  bad: string;
}

const DAY = 86400000;

function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A local date moved by whole days (calendar arithmetic, no time zone involved). */
function addDays(date: string, days: number): string {
  return ymd(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY));
}

/** The week or month holding a local date (`previous`: the one before it), in a time zone. */
export function periodOf(kind: PeriodKind, date: string, tz: string, previous = false): Period {
  let start: string;
  let end: string;
  if (kind === 'week') {
    const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
    start = addDays(date, -weekday - (previous ? 7 : 0));
    end = addDays(start, 6);
  } else {
    const [y, m] = date.split('-').map(Number) as [number, number];
    const first = new Date(Date.UTC(y, m - 1 - (previous ? 1 : 0), 1));
    start = ymd(first);
    end = ymd(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)));
  }
  return { kind, start, end, from: startOfLocalDay(start, tz), to: startOfLocalDay(addDays(end, 1), tz) };
}

const WORDS: [RegExp, Partial<PeriodRequest>][] = [
  [/^(?:上周|上月|上个月|上期|last|previous|prev)$/i, { previous: true }],
  [/^(?:全部|所有|all|full)$/i, { all: true }],
  [/^(?:周|周报|week|weekly)$/i, { kind: 'week' }],
  [/^(?:月|月报|month|monthly)$/i, { kind: 'month' }],
  [/^(?:本周|本月|this|current)$/i, {}],
];

/**
 * Read what follows `周报`, `月报` or `导出`: any of `上周`/`last`, `全部`/`all`, `周`/`月`
 * (`week`/`month`) and a date, with or without spaces between the Chinese words.
 */
export function parsePeriodArgs(arg: string): PeriodRequest | PeriodArgError {
  const out: PeriodRequest = { previous: false, all: false };
  const tokens =
    arg.match(/上个月|上周|上月|上期|本周|本月|全部|所有|周报|月报|周|月|\d{4}-\d{1,2}-\d{1,2}|[A-Za-z]+|\S+/g) ?? [];
  for (const token of tokens) {
    const date = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(token);
    if (date) {
      const d = `${date[1]}-${date[2]!.padStart(2, '0')}-${date[3]!.padStart(2, '0')}`;
      if (!isCalendarDate(d)) return { bad: token };
      out.date = d;
      continue;
    }
    const word = WORDS.find(([re]) => re.test(token));
    if (!word) return { bad: token };
    Object.assign(out, word[1]);
  }
  return out;
}
