/**
 * Find the measurable promises in an item: quantities (`引进领军人才及团队25个以上`) and
 * milestones (`建成投用公交IC卡系统`). Numbers that are names (`3315计划`, “千人计划”,
 * `十三五`, `第十届`), durations (`三年行动计划`) and descriptors (`十个方面`) are not targets.
 */
import { CHINESE_NUMERAL_CHARS, parseNumber } from './numbers.js';
import type { Target } from './types.js';

const UNITS = [
  '万元',
  '亿元',
  '平方米',
  '平方公里',
  '公里',
  '千米',
  '公顷',
  '个',
  '项',
  '家',
  '所',
  '条',
  '座',
  '套',
  '台',
  '户',
  '场',
  '次',
  '处',
  '名',
  '人',
  '支',
  '辆',
  '张',
  '间',
  '亩',
  '吨',
  '元',
  '米',
  '%',
  '大',
];
const QUANTITY = new RegExp(
  `(第)?(不超过|不少于|至少|控制在)?(\\d[\\d,]*(?:\\.\\d+)?[十百千万亿]*|[${CHINESE_NUMERAL_CHARS}]+)(${UNITS.join('|')})?(以上|以内|以下)?`,
  'g',
);
/** Words that lead into a metric but are not part of it. */
const LEADING_VERBS =
  /^(?:并|和|及|争取|力争|确保|全年|今年|引进|培育|实施|新增|完成|建成|建设|创建|打造|开展|举办|推进|实现|达到|累计|新建|改造|招引|培养|办好|加快|新开工|开工|全力|积极|扎实|真心实意)+/;
const MILESTONE = /(?:基本|全面|实质性)?(建成投用|建成|完成|启动|举办|开建)(.{2,})$/;
/** After a number, these make it a name, a duration or a descriptor rather than a promise. */
const NOT_A_PROMISE_AFTER = /^(?:计划|工程|方面|月|年)/;

/** Spans of quoted names such as “千人计划”计划 or “千名干部服务千家企业”专项行动. */
function nameSpans(sentence: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of sentence.matchAll(/[“"]([^”"]*)[”"]/g)) {
    const next = sentence[m.index + m[0].length] ?? '';
    if (/[\u3400-\u9fff]/.test(next)) spans.push([m.index, m.index + m[0].length]);
  }
  return spans;
}

function clauses(sentence: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  for (const m of sentence.matchAll(/[^，,；;。：:！？]+/g)) out.push({ text: m[0], start: m.index });
  return out;
}

function comparatorOf(prefix: string | undefined, suffix: string | undefined): Target['comparator'] {
  if (suffix === '以上' || prefix === '不少于' || prefix === '至少') return '>=';
  if (suffix === '以内' || suffix === '以下' || prefix === '不超过' || prefix === '控制在') return '<=';
  return '=';
}

function cleanMetric(text: string): string {
  return text
    .replace(/^[“”"]+|[“”"]+$/g, '')
    .replace(LEADING_VERBS, '')
    .replace(/^的/, '')
    .replace(/(?:建设|构建)$/, '')
    .trim();
}

type Found = Omit<Target, 'id'> & { at: number };

function quantitiesIn(clause: string, offset: number, names: [number, number][]): Found[] {
  const found: Found[] = [];
  for (const m of clause.matchAll(QUANTITY)) {
    const [whole, ordinal, prefix, digits, unitRaw, suffix] = m as unknown as (string | undefined)[];
    const at = offset + m.index;
    if (ordinal || names.some(([a, b]) => at >= a && at < b)) continue;
    const after = clause.slice(m.index + whole!.length);
    if (NOT_A_PROMISE_AFTER.test(after)) continue;
    const value = parseNumber(digits!);
    if (value === undefined || value === 0) continue;
    const isChinese = !/\d/.test(digits!);
    let unit = unitRaw ?? '';
    if (!unit && !/[万亿]$/.test(digits!)) continue; // a bare number: a name (3315) or a word (一体化)
    if (isChinese && !unit && digits!.length < 2) continue; // a lone 万 in 千家万户
    if (unit === '大' && !isChinese) continue;
    const following = cleanMetric(after.split(/[、”]/)[0] ?? '');
    const before = cleanMetric(clause.slice(0, m.index));
    const metric = following.length >= 2 ? following : before;
    if (metric.length < 2) continue;
    if (!unit && /投资|资金/.test(metric)) unit = '元';
    if (unit === '大') unit = '个';
    found.push({
      kind: 'quantity',
      metric,
      value,
      unit,
      comparator: comparatorOf(prefix, suffix),
      text: clause.replace(/^[并和及]/, '').trim(),
      at,
    });
  }
  return found;
}

/**
 * The targets of one item, numbered `ITEM#1`, `ITEM#2`… in text order.
 * @param itemId the item's id, such as `4.3`
 * @param sentences the item's sentences, its title first
 */
export function extractTargets(itemId: string, sentences: string[]): Target[] {
  const found: Found[] = [];
  let base = 0;
  for (const sentence of sentences) {
    const names = nameSpans(sentence);
    for (const c of clauses(sentence)) {
      const quantities = quantitiesIn(c.text, c.start, names);
      if (quantities.length) {
        found.push(...quantities.map((q) => ({ ...q, at: base + q.at })));
        continue;
      }
      const ms = MILESTONE.exec(c.text.trim());
      if (ms) {
        found.push({
          kind: 'milestone',
          metric: cleanMetric(ms[2]!.replace(/^投用/, '')),
          value: 1,
          unit: '',
          comparator: '=',
          text: c.text.trim(),
          at: base + c.start,
        });
      }
    }
    base += sentence.length;
  }
  return found.sort((a, b) => a.at - b.at).map(({ at: _at, ...t }, i) => ({ id: `${itemId}#${i + 1}`, ...t }));
}
