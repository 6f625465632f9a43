/**
 * Does the best passage answer the question? Three questions kept apart: which passage
 * (retrieval, done before), does it answer what was asked (this), and — only when a figure is
 * asked for — does it hold one (the answerer). The judgement is a small logistic model over
 * features of the question and the ranked passages, fitted on labelled questions by
 * `duban eval --fit` and kept in `data/answerability.json`, not a hand-set threshold.
 */
import { readFileSync } from 'node:fs';
import { englishTerms } from '../search/english.js';
import type { ConceptMatch, Hit, Query, SearchIndex } from '../search/index.js';

/** Names of the features, in the order the weights are kept. */
export const FEATURES = [
  'coverage',
  'second',
  'margin',
  'similarity',
  'firsts',
  'unknown',
  'unknownThing',
  'elsewhere',
  'otherTime',
  'otherPlace',
  'noFigure',
  'detail',
  'everyday',
  'english',
  'englishCoverage',
  'englishUnknown',
  'concepts',
  'englishWords',
] as const;

export type Features = Record<(typeof FEATURES)[number], number>;

export interface Model {
  weights: number[];
  bias: number;
  /** At or above: found. By the question's language, since English is read through a glossary. */
  found: { zh: number; en: number };
  /** At or above (and below found): the closest passage is quoted, said to be maybe not exact. */
  closest: { zh: number; en: number };
}

/** Times other than the plan year: what the report cannot tell ("去年", "2014年", "last year"). */
const OTHER_TIME = new RegExp(
  [
    '去年|前年|上一?年|往年|前几年|前些年|早几年|过去(?:几|[一二三四五两]|\\d)年|20(?:0\\d|1[0-4])年?|十二五期间',
    'last year',
    'previous year',
    'past (?:few |\\d+ )?years',
    'in 20(?:0\\d|1[0-4])\\b',
    "20(?:0\\d|1[0-4])'?s?\\b",
  ].join('|'),
  'i',
);

/**
 * Details a work report does not give: fees, budgets, standards, places, dates, names of people,
 * contacts, and how one person applies for something. A question about one of them for a thing
 * the report mentions is rarely answered by it.
 */
const DETAIL = new RegExp(
  [
    '标准|位置|地址|在哪里|具体在哪|电话|联系方式|费用|收费|价格|多少钱|预算|经费|投资额|名单|时间表',
    '交钱|交费|缴费|(?<![宝珍富名])贵(?![州阳族宾重人])|涨价|降价|物价',
    '几号|哪天|几月|截止|负责人|谁负责|是谁|哪家公司|哪些公司|比例|比率|增长率|覆盖率|工资|薪水',
    '怎么申请|如何申请|怎么办理|如何办理|去哪(?:里)?办|需要什么(?:材料|条件)',
    '\\b(?:how (?:do|can|should) i|where (?:do|can|should) i|opening hours|salary|salaries|wage|wages|website|' +
      'apply for|application form)\\b',
    '\\b(?:budget|budgeted|cost|costs|price|prices|fee|fees|charge|location|located|address|phone|contact|' +
      'deadlines?|dates?|rates?|percentages?|percent|criteria|standards?|charges|locations|addresses|contacts|' +
      'fares?|tuition|rents?|' +
      'who (?:is|will be) (?:in charge|responsible)|which compan(?:y|ies)|names? of)\\b',
  ].join('|'),
  'i',
);

/**
 * An edition of an event the reports do not hold ("第九届市艺术节" where the report holds the
 * tenth): another year's, as much as "去年" is.
 */
function otherEdition(index: SearchIndex, question: string): boolean {
  const editions = question.match(/第[一二三四五六七八九十百\d]+(?:届|次|期)/g) ?? [];
  // "the 9th arts festival": an English ordinal of an event, against the editions the reports hold.
  const english = [
    ...question.matchAll(
      /\b(\d+)(?:st|nd|rd|th)\b(?= (?:\w+ ){0,3}(?:festival|fair|expo|session|edition|games|congress)s?\b)/gi,
    ),
  ];
  return (
    editions.some((e) => !index.mentions(e)) ||
    english.some((m) => !index.mentions(`第${toChinese(Number(m[1]))}届`) && !index.mentions(`第${m[1]}届`))
  );
}

/** 1–99 in Chinese numerals, as editions are written (第十届, 第二十一届). */
function toChinese(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n]!;
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? digits[tens] : ''}十${n % 10 ? digits[n % 10] : ''}`;
}

/** Share of the question's weight in concepts matching this well. */
function share(matches: ConceptMatch[], test: (m: ConceptMatch) => boolean): number {
  const total = matches.reduce((a, m) => a + m.weight, 0);
  return total ? matches.filter(test).reduce((a, m) => a + m.weight, 0) / total : 0;
}

function englishShare(index: SearchIndex, question: string, doc: Hit['doc']): number {
  const words = [...new Set(englishTerms(question))];
  if (!words.length) return 0;
  const english = index.englishOf(doc);
  return words.filter((w) => english.has(w)).length / words.length;
}

/** The features of a question and its ranked passages. */
export function features(
  index: SearchIndex,
  query: Query,
  hits: Hit[],
  about: { otherPlace: boolean; noFigure: boolean; notes?: string },
): Features {
  const [top, next] = hits;
  // Progress notes recorded against the best passage count as what the bot knows.
  const inReport = index.corpusMatches(query, about.notes);
  const inTop = top ? index.matches(query, `${top.doc.text} ${about.notes ?? ''}`) : [];
  const unknown = (m: ConceptMatch) => m.matched < 0.5;
  return {
    coverage: top?.coverage ?? 0,
    second: next?.coverage ?? 0,
    margin: top && next ? (top.score - next.score) / top.score : 1,
    similarity: top?.similarity ?? 0,
    firsts: (top?.firsts ?? 0) / 3,
    // What the question asks about that the report never mentions.
    unknown: share(inReport, unknown),
    // The same, for things (nouns) rather than words of how: an unknown thing sinks an answer.
    unknownThing: share(inReport, (m) => unknown(m) && (m.concept.weight ?? 1) >= 1),
    // What the report mentions, but elsewhere than in the best passage.
    elsewhere: share(
      inTop,
      (m) => m.matched < 0.5 && (inReport.find((r) => r.concept === m.concept)?.matched ?? 0) >= 0.5,
    ),
    otherTime: OTHER_TIME.test(query.question) || otherEdition(index, query.question) ? 1 : 0,
    otherPlace: about.otherPlace ? 1 : 0,
    // A figure was asked for, and the best passage holds none of that kind.
    noFigure: about.noFigure ? 1 : 0,
    // A detail asked of the topic, not one in a clause around it ("刚接到电话，群众问…").
    detail: DETAIL.test(query.focus ?? query.question) ? 1 : 0,
    // What everyday words the question was read through, and the best passage holds.
    everyday: share(inTop, (m) => Boolean(m.concept.everyday) && m.matched >= 0.5),
    english: query.lang === 'en' ? 1 : 0,
    // English words the glossary lacks are as often words of how as things: English gets its own weights.
    englishCoverage: query.lang === 'en' ? (top?.coverage ?? 0) : 0,
    englishUnknown: query.lang === 'en' ? share(inReport, unknown) : 0,
    concepts: Math.min(1, query.concepts.length / 8),
    // Share of an English question's own words the best passage's English (its glossed terms) holds.
    englishWords: query.lang === 'en' && top ? englishShare(index, query.question, top.doc) : 0,
  };
}

/** The model's probability that the best passage answers the question. */
export function probability(model: Pick<Model, 'weights' | 'bias'>, f: Features): number {
  const z = FEATURES.reduce((a, name, i) => a + (model.weights[i] ?? 0) * f[name], model.bias);
  return 1 / (1 + Math.exp(-z));
}

/** Read the fitted model. */
export function loadModel(file: string): Model {
  return JSON.parse(readFileSync(file, 'utf8')) as Model;
}

/**
 * Fit the weights by gradient descent on log-loss with a little L2, from labelled feature rows
 * (1: the best passage answers it; 0: the report does not answer it).
 */
export function fitWeights(
  rows: { f: Features; y: 0 | 1 }[],
  epochs = 4000,
  rate = 0.5,
  l2 = 0.001,
): Omit<Model, 'found' | 'closest'> {
  const w = new Array<number>(FEATURES.length).fill(0);
  let b = 0;
  const pos = rows.filter((r) => r.y === 1).length;
  // Each class weighs as much in total, so the few unanswerable questions are not drowned out.
  const classWeight = (y: 0 | 1) =>
    y === 1 ? rows.length / (2 * Math.max(1, pos)) : rows.length / (2 * Math.max(1, rows.length - pos));
  for (let e = 0; e < epochs; e++) {
    const gw = new Array<number>(FEATURES.length).fill(0);
    let gb = 0;
    for (const { f, y } of rows) {
      const p = probability({ weights: w, bias: b }, f);
      const err = (p - y) * classWeight(y);
      FEATURES.forEach((name, i) => {
        gw[i]! += err * f[name];
      });
      gb += err;
    }
    FEATURES.forEach((_, i) => {
      w[i]! -= rate * (gw[i]! / rows.length + l2 * w[i]!);
    });
    b -= (rate * gb) / rows.length;
  }
  return { weights: w.map((x) => Math.round(x * 1000) / 1000), bias: Math.round(b * 1000) / 1000 };
}
