/**
 * Digest → Reply, short enough to read on a phone (about 25 lines): what moved since the last
 * digest (each target once, at its latest value), one line of counts, the few items that matter
 * most with their owners, the items still stale after a reminder, and the command for the rest.
 */

import { said } from '../chat/markup.js';
import { TEXT } from '../chat/texts.js';
import { type Lang, type Reply, reply } from '../chat/types.js';
import type { ItemState, TargetState } from '../progress/standing.js';
import { formatNumber, formatStanding, targetPhrase } from '../report/format.js';
import type { Owner } from '../store/types.js';
import { localDate, localDateTime } from '../time.js';
import type { Digest, DigestUpdate } from './build.js';

/** Updates listed before "…and N more". */
const MOVED = 10;
/** Targets furthest behind, and items stale longest, listed. */
const BEHIND = 3;
const STALE = 2;
const ESCALATED = 4;

function updateLine(u: DigestUpdate, lang: Lang): string {
  const who = `• ${said(u.who)}${TEXT.colon[lang]}`;
  if (!u.target || u.value === null) return `${who}${u.item.id} ${u.item.title} — ${said(u.note)}`;
  if (u.target.kind === 'milestone') return `${who}${u.target.id} ${u.target.text} — **${TEXT.milestoneDone[lang]}**`;
  const before = u.before === undefined ? '' : `${formatNumber(u.before)} → `;
  return `${who}${u.target.id} ${u.target.metric} ${before}**${formatStanding(u.target, u.value, lang)}**`;
}

function owned(owners: Owner[] | undefined, lang: Lang): string {
  const names = [...new Set((owners ?? []).map((o) => said(o.name)))];
  return names.length ? TEXT.ownedBy[lang](names.join(TEXT.listSep[lang])) : TEXT.noOwner[lang];
}

function targetLine(t: TargetState, expected: number | undefined, owners: Owner[] | undefined, lang: Lang) {
  const standing =
    expected === undefined
      ? formatStanding(t.target, t.value ?? 0, lang)
      : t.target.kind === 'milestone'
        ? formatStanding(t.target, t.value ?? 0, lang)
        : TEXT.pace[lang](t.percent, expected);
  return `• ${t.target.id} ${targetPhrase(t.target, lang)} — ${standing} — ${owned(owners, lang)}`;
}

function staleLine(s: ItemState, tz: string, owners: Owner[] | undefined, lang: Lang): string {
  const when = s.lastUpdate ? TEXT.idleFor[lang](s.idleDays) : TEXT.lastUpdate[lang](undefined);
  return `• ${s.item.id} ${s.item.title} — ${when}${s.lastUpdate ? TEXT.paren[lang](localDate(s.lastUpdate, tz)) : ''} — ${owned(owners, lang)}`;
}

/** The digest as a reply. An empty window gives one line. */
export function renderDigest(d: Digest, tz: string, staleDays: number, lang: Lang = 'zh'): Reply {
  const title = TEXT.digestTitle[lang](d.date);
  const since = localDateTime(d.from, tz);
  if (!d.updates.length && !d.escalated.length) {
    return reply({ kind: 'info', lang, text: [TEXT.digestEmpty[lang](title, since)] });
  }
  const text: string[] = [];
  // What moved, in the report's order.
  const order = d.report.sections.flatMap((s) => s.items.map((i) => i.id));
  const moved = [...d.updates].sort((a, b) => order.indexOf(a.item.id) - order.indexOf(b.item.id));
  if (moved.length) {
    const lines = [TEXT.newProgress[lang](since, d.count), ...moved.slice(0, MOVED).map((u) => updateLine(u, lang))];
    if (moved.length > MOVED) lines.push(TEXT.movedMore[lang](moved.length - MOVED));
    text.push(lines.join('\n'));
  } else text.push(TEXT.digestEmpty[lang](title, since));

  const { behind, stale, expected, ended, planEnd, sections } = d.standing;
  const targets = sections.reduce((n, s) => n + s.targets, 0);
  const met = sections.reduce((n, s) => n + s.met, 0);
  const attention: string[] = [];
  const items = sections.flatMap((s) => s.items);
  if (ended) {
    // After the plan's end nothing is stale: a target was met or it was not.
    attention.push(TEXT.planEnded[lang](planEnd, met, targets));
    const notMet = items
      .flatMap((item) => item.targets.filter((t) => !t.met).map((t) => ({ item, t })))
      .sort((a, b) => a.t.percent - b.t.percent);
    if (notMet.length) {
      attention.push(TEXT.notMetAtEnd[lang]);
      for (const { item, t } of notMet.slice(0, BEHIND))
        attention.push(targetLine(t, undefined, d.owners.get(item.item.id), lang));
    }
  } else {
    attention.push(TEXT.overall[lang](met, targets, behind.length, stale.length, staleDays));
    const listed = new Set<string>();
    const top: string[] = [];
    for (const { item, target } of behind.slice(0, BEHIND)) {
      listed.add(item.item.id);
      top.push(targetLine(target, expected, d.owners.get(item.item.id), lang));
    }
    for (const s of stale.filter((x) => !listed.has(x.item.id)).slice(0, STALE))
      top.push(staleLine(s, tz, d.owners.get(s.item.id), lang));
    if (top.length) attention.push(TEXT.mostAttention[lang], ...top);
  }
  text.push(attention.join('\n'));
  if (d.escalated.length) {
    const lines = [TEXT.escalatedHead[lang](d.escalated.length)];
    for (const e of d.escalated.slice(0, ESCALATED)) lines.push(staleLine(e.state, tz, e.owners, lang));
    if (d.escalated.length > ESCALATED) lines.push(TEXT.more[lang](d.escalated.length - ESCALATED));
    text.push(lines.join('\n'));
  }
  return reply({
    kind: 'status',
    lang,
    title: `${title}${TEXT.paren[lang](d.report.title)}`,
    text,
    hints: [TEXT.digestHintShort[lang]],
  });
}
