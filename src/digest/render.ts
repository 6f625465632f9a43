/** Digest → Reply, in Chinese by default. */

import { type Lang, type Reply, reply } from '../chat/types.js';
import { formatNumber, formatStanding, sectionName, targetPhrase } from '../report/format.js';
import { localDate, localDateTime } from '../time.js';
import type { Digest, DigestUpdate } from './build.js';

const MAX_LISTED = 8;

function updateLine(u: DigestUpdate, lang: Lang): string {
  const zh = lang === 'zh';
  if (!u.target || u.value === null) return `• ${u.who}：${u.item.id} ${u.item.title} — ${u.note}`;
  if (u.target.kind === 'milestone')
    return `• ${u.who}：${u.target.id} ${u.target.text} — **${zh ? '已完成' : 'done'}**`;
  const before = u.before === undefined ? '' : `${formatNumber(u.before)} → `;
  return `• ${u.who}：${u.target.id} ${u.target.metric} ${before}**${formatStanding(u.target, u.value, lang)}**`;
}

function more(n: number, lang: Lang): string {
  return n > 0 ? (lang === 'zh' ? `…另有${n}项` : `…and ${n} more`) : '';
}

/** The digest as a reply. An empty window gives one line. */
export function renderDigest(d: Digest, tz: string, staleDays: number, lang: Lang = 'zh'): Reply {
  const zh = lang === 'zh';
  const title = zh ? `督办日报 · ${d.date}` : `duban daily digest · ${d.date}`;
  const since = localDateTime(d.from, tz);
  if (!d.updates.length) {
    return reply({
      kind: 'info',
      lang,
      text: [zh ? `${title}：自 ${since} 以来没有新的进展。` : `${title}: no new progress since ${since}.`],
    });
  }
  const text: string[] = [];
  text.push(
    zh
      ? `**新进展**（${since} 以来，${d.updates.length}条）`
      : `**New progress** (since ${since}, ${d.updates.length})`,
  );
  for (const s of d.report.sections) {
    const ups = d.updates.filter((u) => u.section === s);
    if (ups.length)
      text.push([`${sectionName(s, lang)} ${s.title}`, ...ups.map((u) => updateLine(u, lang))].join('\n'));
  }
  const attention: string[] = [];
  const { behind, stale, expected } = d.standing;
  if (behind.length) {
    attention.push(
      zh
        ? `进度落后（按计划应完成约${expected}%）：`
        : `Behind the pace of the plan (about ${expected}% expected by now):`,
    );
    for (const { target: t } of behind.slice(0, MAX_LISTED)) {
      attention.push(
        `• ${t.target.id} ${targetPhrase(t.target, lang)} — ${formatStanding(t.target, t.value ?? 0, lang)}`,
      );
    }
    const rest = more(behind.length - MAX_LISTED, lang);
    if (rest) attention.push(rest);
  }
  if (stale.length) {
    attention.push(zh ? `超过${staleDays}天未更新：` : `No update for ${staleDays} days or more:`);
    for (const s of stale.slice(0, MAX_LISTED)) {
      const when = s.lastUpdate
        ? zh
          ? `上次更新 ${localDate(s.lastUpdate, tz)}`
          : `last update ${localDate(s.lastUpdate, tz)}`
        : zh
          ? '从未更新'
          : 'never updated';
      attention.push(`• ${s.item.id} ${s.item.title}（${when}，${s.idleDays}${zh ? '天' : ' days'}）`);
    }
    const rest = more(stale.length - MAX_LISTED, lang);
    if (rest) attention.push(rest);
  }
  if (attention.length) text.push([zh ? '**需要关注**' : '**Needs attention**', ...attention].join('\n'));
  return reply({
    kind: 'status',
    lang,
    title: `${title}（${d.report.title}）`,
    text,
    bars: d.standing.sections
      .filter((s) => s.targets)
      .map((s) => ({
        label: `${sectionName(s.section, lang)} ${s.section.title}`,
        percent: s.percent,
        detail: zh ? `目标达成 ${s.met}/${s.targets}` : `targets met ${s.met}/${s.targets}`,
      })),
    hints: [
      zh
        ? '登记进展：进展 4.3 已引进领军人才及团队12个 ｜ 查看：状态 4.3'
        : 'Record progress: progress 4.3 12 | look: status 4.3',
    ],
  });
}
