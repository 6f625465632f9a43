/** What kind of question it is: about a named part of the report, or asking for a number. */
import { parseNumber } from '../report/numbers.js';

/** A reference written inside a question: `4.3`, `第四部分`, `（四）`, `section 4`, `item 4.3`. */
export function refInQuestion(question: string): string | undefined {
  const item = /(\d+)\s*[.．\-－]\s*(\d+)(\s*#\s*\d+)?/.exec(question);
  if (item) return `${item[1]}.${item[2]}${item[3]?.replace(/\s/g, '') ?? ''}`;
  const cn = /[(（]([一二三四五六七八九十]+)[)）]\s*([一二三四五六七八九十]+|\d+)?/.exec(question);
  if (cn) return cn[2] ? `(${cn[1]})${cn[2]}` : cn[1];
  const part = /第\s*([一二三四五六七八九十]+|\d+)\s*(?:部分|方面|大项)/.exec(question);
  if (part) return String(parseNumber(part[1]!));
  const en = /\b(?:section|part|area)\s+(\d+)\b/i.exec(question);
  if (en) return en[1];
  return undefined;
}

const ASKS_FOR_NUMBER = new RegExp(
  [
    '多少|几个|几项|几家|几所|几届|多大|数量|比例|比率|百分之几|几成|几个百分点|占比',
    'how many',
    'how much',
    'what (?:is|are|was) the (?:\\w+ )?(?:number|population|size|total|amount|rate|gdp|budget|figure)\\b',
    "what(?:'s| is| are) the (?:\\S+ ){1,3}target\\b",
    'what (?:\\S+ )?(?:concentration|level|figure) ',
    '\\bwhat (?:percentage|proportion|share|rate)\\b',
  ].join('|'),
  'i',
);

/** True when the question wants a figure ("多少", "how many", "what is the population"). */
export function asksForNumber(question: string): boolean {
  if (/哪几/.test(question)) return false;
  // 好几个, 十几项, 几十家 say "several"; they ask for nothing.
  return ASKS_FOR_NUMBER.test(question.replace(/好几|十几|几[十百千万]/g, ''));
}

/** True when the question asks how work is going rather than what was promised. */
export function asksForProgress(question: string): boolean {
  return /进展|进度|完成情况|落实情况|推进情况|怎么样了|\bprogress\b|\bstatus\b|how (?:is|are) .* going|so far/i.test(
    question,
  );
}

const NUMERAL = '[\\d.一二两三四五六七八九十百千万亿]+';

/** A year asked for ("哪一年", "which year", "when"): then a year in the passage is a figure. */
const ASKS_FOR_YEAR = /哪一?年|几年|多少年|\bwhich year\b|\bhow many years\b|\bwhen\b/i;

/** Numbers that name rather than count: PM2.5, G20, 3315计划, 新一轮, 十三五, and a year unless one is asked for. */
function withoutNames(question: string, passage: string): string {
  const names = passage
    .replace(/[A-Za-z]+\d+(?:\.\d+)?/g, ' ')
    .replace(/\d+(?=[“”"]?(?:计划|工程|行动|战略|模式|体系))|新?一轮|十[一二三四五]五/g, ' ');
  return ASKS_FOR_YEAR.test(question) ? names : names.replace(/(?:19|20)\d\d年?/g, ' ');
}

/** The unit an English question asks its figure in: money (how much … cost), years, a percent. */
function englishUnit(question: string): string | undefined {
  if (
    /\bhow much\b.*\b(?:cost|costs|spend|spent|spending|invest|invested|budget|funding|money|price)\b/i.test(question)
  )
    return '元';
  if (/\bhow many years\b|\bhow long\b/i.test(question)) return '年';
  if (/\bwhat (?:percentage|percent)\b|\bhow many percent/i.test(question)) return '%';
  return undefined;
}

/**
 * True when a passage holds the kind of figure asked for: any figure that counts (not a name such
 * as PM2.5 or 3315计划), or — when the question names its unit ("多少公里", "多少亿", "几届") — a
 * figure in that unit.
 */
export function holdsFigure(question: string, passage: string): boolean {
  const text = withoutNames(question, passage);
  const unit =
    /(?:多少|几)(亿元|万元|亿|万|元|公里|千米|米|平方米|亩|公顷|台|辆|人|名|所|家|届|座|条|吨|户|次|天|年|%)/.exec(
      question.replace(/百分之几|几个百分点|几成/g, '几%'),
    )?.[1] ?? englishUnit(question);
  if (unit) return new RegExp(`${NUMERAL}${unit.replace('%', '%|个百分点')}`).test(text);
  return new RegExp(`\\d|${NUMERAL}[个项家所名条座次届人批大年级轮类]`).test(text);
}

const NO_UPDATE = new RegExp(
  [
    '(?:没有|还没|未|没)人?(?:报|上报|汇报|填报|更新)(?:过)?(?:进展|进度)?',
    'no (?:update|progress)',
    'not (?:been )?(?:updated|reported)',
    'without (?:an? )?update',
    'stale',
  ].join('|'),
  'i',
);
const MET = new RegExp(
  [
    '哪些(?:目标|工作|任务|指标|项目)?(?:已经|已)?(?:完成|达标|实现|达到)',
    '(?:完成|达标)了(?:哪些|几个)',
    'which (?:targets?|items?|goals?|tasks?) (?:have|has|are|were)? ?(?:been )?(?:met|achieved|reached|done|completed)',
    'what (?:has|have) been (?:met|achieved|done|completed)',
    // The list's own command: 已完成 全部, met all (spaces between Chinese words are gone by now).
    '^已(?:完成|达标)(?:全部|所有)?$',
    '^met(?: all)?$',
  ].join('|'),
  'i',
);

/** A question about the progress itself, answered from the records rather than the report. */
export type ProgressIntent = 'behind' | 'met' | 'no-update' | 'how-going';

/** What a question asks of the progress records, if it asks about them at all. */
export function progressIntent(question: string): ProgressIntent | undefined {
  if (/落后|滞后|拖后腿|进度慢|跟不上|behind (?:schedule|pace|plan)?|lagging|off track|falling behind/i.test(question))
    return 'behind';
  if (NO_UPDATE.test(question)) return 'no-update';
  if (MET.test(question)) return 'met';
  if (new RegExp(HOW_GOING.source, 'i').test(question)) return 'how-going';
  return undefined;
}

const HOW_GOING = new RegExp(
  [
    '完成得?(?:怎么样|如何|咋样)了?|进展(?:如何|怎么样|咋样)了?|进度(?:如何|怎么样)了?|怎么样了',
    'how far along|progress (?:on|of)|how (?:is|are)(?= .+ going)|going\\b',
  ].join('|'),
  'gi',
);

/** True when a progress question asks for the whole list (`落后 全部`, `list all that is behind`). */
export function asksForAll(question: string): boolean {
  return /全部|所有|\ball\b|\bevery/i.test(question);
}

/** The topic of a "how is X going" question: the question without its frame. */
export function howGoingTopic(question: string): string {
  return question.replace(HOW_GOING, ' ').trim();
}

/** Characters either side of a term of the question within which a figure counts as that term's. */
const FIGURE_REACH = 15;

/**
 * True when a passage holds the figure asked for next to what the question asks about: within a
 * few characters of one of `terms` (the question's terms the passage holds), or anywhere when it
 * holds none of them. "How many tourists" is not answered by 四大集聚区 two clauses away from 景区.
 */
export function holdsFigureNear(question: string, passage: string, terms: string[]): boolean {
  const at = terms.flatMap((t) => {
    const out: number[] = [];
    for (let i = passage.indexOf(t); i >= 0; i = passage.indexOf(t, i + 1)) out.push(i, i + t.length);
    return out;
  });
  if (!at.length) return holdsFigure(question, passage);
  return at.some((i) => holdsFigure(question, passage.slice(Math.max(0, i - FIGURE_REACH), i + FIGURE_REACH)));
}
