/** Short human forms of targets and values, shared by the CLI, answers and the digest. */
import { TEXT } from '../chat/texts.js';
import type { Lang } from '../chat/types.js';
import type { Section, Target } from './types.js';

const COMPARATOR_WORDS: Record<Target['comparator'], string> = { '>=': '以上', '<=': '以内', '=': '' };

/** Large round numbers the way the report writes them (`2.2万`, `100亿`); others as they are. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e8 && n % 1e7 === 0) return `${n / 1e8}亿`;
  if (Number.isInteger(n) && Math.abs(n) >= 1e4 && n % 1e3 === 0) return `${n / 1e4}万`;
  return String(n);
}

/** `领军人才及团队 ≥ 25个（25个以上）` or `建成投用公交IC卡系统 (milestone)`. */
export function formatTarget(t: Target): string {
  if (t.kind === 'milestone') return `[里程碑] ${t.text}`;
  const cmp = t.comparator === '=' ? '' : `${t.comparator} `;
  const words = COMPARATOR_WORDS[t.comparator] ? ` (${COMPARATOR_WORDS[t.comparator]})` : '';
  return `${t.metric}: ${cmp}${formatNumber(t.value)}${t.unit}${words}`;
}

/** Share of a target reached, 0–100 (whole percent); milestones are 0 or 100. */
export function percentOf(t: Target, value: number): number {
  if (t.kind === 'milestone') return value >= 1 ? 100 : 0;
  return t.value ? Math.round((value / t.value) * 100) : 0;
}

/** `12/25个，48%` or `已完成` / `done`. */
export function formatStanding(t: Target, value: number, lang: Lang = 'zh'): string {
  if (t.kind === 'milestone') return TEXT.milestoneStanding[lang](value >= 1);
  return `${formatNumber(value)}/${formatNumber(t.value)}${t.unit}${TEXT.comma[lang]}${percentOf(t, value)}%`;
}

/** A target in a line: `领军人才及团队 ≥25个`, `milestone: 建成投用公交IC卡系统`; `bold` marks the figure. */
export function targetPhrase(t: Target, lang: Lang, { bold = false } = {}): string {
  if (t.kind === 'milestone') return TEXT.milestonePhrase[lang](t.text);
  const cmp = t.comparator === '>=' ? TEXT.atLeast[lang] : t.comparator === '<=' ? TEXT.atMost[lang] : '';
  const figure = `${formatNumber(t.value)}${t.unit}`;
  return `${t.metric} ${cmp}${bold ? `**${figure}**` : figure}`;
}

/** 1 → 一, 11 → 十一, 21 → 二十一: how the report numbers its sections. */
export function chineseOrdinal(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 1 || n > 99 || !Number.isInteger(n)) return String(n);
  if (n < 10) return d[n]!;
  const tens = Math.floor(n / 10);
  return `${tens > 1 ? d[tens] : ''}十${n % 10 ? d[n % 10] : ''}`;
}

/** A section's name: `第四部分` / `section 4`. */
export function sectionName(s: Section, lang: Lang): string {
  return TEXT.sectionName[lang](chineseOrdinal(s.index), s.id);
}

/** A section's heading: `（四）立足强化动力…` / `4. 立足强化动力…`. */
export function sectionLabel(s: Section, lang: Lang): string {
  return TEXT.sectionLabel[lang](chineseOrdinal(s.index), s.id, s.title);
}

/** An id as replies write it: with its report's id in front when several reports are loaded (`cixi-2016:4.3`). */
export function refIn(reports: { id: string }[], report: { id: string }, id: string): string {
  return reports.length > 1 ? `${report.id}:${id}` : id;
}
