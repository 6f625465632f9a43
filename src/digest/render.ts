/** Digest → Reply, in Chinese by default. */

import { TEXT } from '../chat/texts.js';
import { type Lang, type Reply, reply } from '../chat/types.js';
import { formatNumber, formatStanding, sectionName, targetPhrase } from '../report/format.js';
import { localDate, localDateTime } from '../time.js';
import type { Digest, DigestUpdate } from './build.js';

const MAX_LISTED = 8;

function updateLine(u: DigestUpdate, lang: Lang): string {
  if (!u.target || u.value === null) return `• ${u.who}：${u.item.id} ${u.item.title} — ${u.note}`;
  if (u.target.kind === 'milestone')
    return `• ${u.who}：${u.target.id} ${u.target.text} — **${TEXT.milestoneDone[lang]}**`;
  const before = u.before === undefined ? '' : `${formatNumber(u.before)} → `;
  return `• ${u.who}：${u.target.id} ${u.target.metric} ${before}**${formatStanding(u.target, u.value, lang)}**`;
}

function more(n: number, lang: Lang): string {
  return n > 0 ? TEXT.more[lang](n) : '';
}

/** The digest as a reply. An empty window gives one line. */
export function renderDigest(d: Digest, tz: string, staleDays: number, lang: Lang = 'zh'): Reply {
  const title = TEXT.digestTitle[lang](d.date);
  const since = localDateTime(d.from, tz);
  if (!d.updates.length) {
    return reply({ kind: 'info', lang, text: [TEXT.digestEmpty[lang](title, since)] });
  }
  const text: string[] = [];
  text.push(TEXT.newProgress[lang](since, d.count));
  for (const s of d.report.sections) {
    const ups = d.updates.filter((u) => u.section === s);
    if (ups.length)
      text.push([`${sectionName(s, lang)} ${s.title}`, ...ups.map((u) => updateLine(u, lang))].join('\n'));
  }
  const attention: string[] = [];
  const { behind, stale, expected } = d.standing;
  if (behind.length) {
    attention.push(TEXT.behindHead[lang](expected));
    for (const { target: t } of behind.slice(0, MAX_LISTED)) {
      attention.push(
        `• ${t.target.id} ${targetPhrase(t.target, lang)} — ${formatStanding(t.target, t.value ?? 0, lang)}`,
      );
    }
    const rest = more(behind.length - MAX_LISTED, lang);
    if (rest) attention.push(rest);
  }
  if (stale.length) {
    attention.push(TEXT.staleHead[lang](staleDays));
    for (const s of stale.slice(0, MAX_LISTED)) {
      const when = TEXT.lastUpdate[lang](s.lastUpdate && localDate(s.lastUpdate, tz));
      attention.push(`• ${s.item.id} ${s.item.title}（${when}，${TEXT.days[lang](s.idleDays)}）`);
    }
    const rest = more(stale.length - MAX_LISTED, lang);
    if (rest) attention.push(rest);
  }
  if (attention.length) text.push([TEXT.needsAttention[lang], ...attention].join('\n'));
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
        detail: TEXT.targetsMet[lang](s.met, s.targets),
      })),
    hints: [TEXT.digestHint[lang]],
  });
}
