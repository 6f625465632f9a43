/**
 * A period report as a chat reply (short enough for a phone unless everything is asked for,
 * each cut list saying the command that shows the rest), and the same reply as Markdown.
 */

import { type Markup, renderMarkup, said } from '../chat/markup.js';
import { bar } from '../chat/render.js';
import { TEXT } from '../chat/texts.js';
import { type Lang, type ProgressBar, type Reply, reply } from '../chat/types.js';
import type { DigestUpdate } from '../digest/build.js';
import type { ItemState, TargetState } from '../progress/standing.js';
import { formatNumber, formatStanding, refIn, sectionLabel, sectionName, targetPhrase } from '../report/format.js';
import { localDate, localDateTime } from '../time.js';
import { ownerNames, type PeriodReport } from './build.js';

/** An id as the reply writes it: with its report's id when several are loaded (`cixi-2016:4.3`). */
type Ref = (id: string) => string;

/** Lines a list shows in chat before it points at the command that lists them all. */
export const CHAT_LIMITS = { moved: 10, met: 5, behind: 5, stale: 5 };

export interface RenderOptions {
  lang: Lang;
  tz: string;
  staleDays: number;
  /** Every line of every list. */
  all: boolean;
  /** The command that lists everything (`周报 上周 全部`). */
  allCommand: string;
}

/** `（负责：李明；牵头单位：市人才办）`, or '' when nobody is named. */
function whoAnswers(r: PeriodReport, lang: Lang, itemId: string, targetId?: string, more: string[] = []): string {
  const names = ownerNames(r, itemId, targetId);
  const unit = r.units.get(itemId);
  const parts = [
    ...more,
    ...(names.length ? [TEXT.ownedBy[lang](names.map(said).join(TEXT.nameSep[lang]))] : []),
    ...(unit ? [TEXT.unitAside[lang](said(unit))] : []),
  ];
  return parts.length ? TEXT.aside[lang](parts) : '';
}

function movedLine(r: PeriodReport, u: DigestUpdate, lang: Lang, ref: Ref): string {
  const head = `• ${said(u.who)}${TEXT.colon[lang]}`;
  if (!u.target || u.value === null)
    return `${head}${ref(u.item.id)} ${u.item.title} — ${said(u.note)}${whoAnswers(r, lang, u.item.id)}`;
  const after = u.target.kind === 'milestone' ? TEXT.milestoneDone[lang] : formatStanding(u.target, u.value, lang);
  const before = u.before === undefined || u.target.kind === 'milestone' ? '' : `${formatNumber(u.before)} → `;
  const what = u.target.kind === 'milestone' ? u.target.text : u.target.metric;
  const sep = u.target.kind === 'milestone' ? ' — ' : ' ';
  return `${head}${ref(u.target.id)} ${what}${sep}${before}**${after}**${whoAnswers(r, lang, u.item.id, u.target.id)}`;
}

/** The first lines of a list in chat (all of them when asked), and where the rest are. */
function capped(lines: string[], limit: number, o: RenderOptions): string[] {
  if (o.all || lines.length <= limit) return lines;
  return [...lines.slice(0, limit), TEXT.periodRest[o.lang](lines.length - limit, o.allCommand)];
}

function paragraphs(r: PeriodReport, o: RenderOptions, ref: Ref): string[] {
  const { lang, tz } = o;
  const { digest, period } = r;
  const out: string[] = [];
  if (digest.updates.length) {
    const lines = [TEXT.periodMoved[lang](period.kind, digest.count, digest.updates.length)];
    const limit = o.all ? digest.updates.length : CHAT_LIMITS.moved;
    let shown = 0;
    for (const s of r.report.sections) {
      const ups = digest.updates
        .filter((u) => u.section === s)
        .sort((a, b) => a.item.index - b.item.index)
        .slice(0, limit - shown);
      shown += ups.length;
      if (ups.length) lines.push(sectionLabel(s, lang), ...ups.map((u) => movedLine(r, u, lang, ref)));
    }
    if (shown < digest.updates.length) lines.push(TEXT.periodRest[lang](digest.updates.length - shown, o.allCommand));
    out.push(lines.join('\n'));
  } else out.push(TEXT.periodNothing[lang](period.kind));
  const { standing } = digest;
  const all = standing.sections.reduce((a, s) => a + s.targets, 0);
  const met = standing.sections.reduce((a, s) => a + s.met, 0);
  if (r.newlyMet.length) {
    const lines = r.newlyMet.map(
      ({ item, target: t }) =>
        `• ${ref(t.target.id)} ${targetPhrase(t.target, lang)}${whoAnswers(r, lang, item.item.id, t.target.id, [
          [t.userName && said(t.userName), t.at && localDate(t.at, tz)].filter(Boolean).join(TEXT.comma[lang]),
        ])}`,
    );
    out.push(
      [TEXT.periodMet[lang](period.kind, lines.length, met, all), ...capped(lines, CHAT_LIMITS.met, o)].join('\n'),
    );
  }
  const targetLine = ({ item, target: t }: { item: ItemState; target: TargetState }) =>
    `• ${ref(t.target.id)} ${targetPhrase(t.target, lang)} — ${formatStanding(t.target, t.value ?? 0, lang)}` +
    whoAnswers(r, lang, item.item.id, t.target.id);
  if (standing.ended) {
    // After the plan's end nothing is behind or stale: a target was met or it was not (as the digest says).
    const notMet = standing.sections
      .flatMap((s) => s.items)
      .flatMap((item) => item.targets.filter((t) => !t.met).map((target) => ({ item, target })))
      .sort((a, b) => a.target.percent - b.target.percent);
    const lines = notMet.length
      ? [TEXT.notMetAtEnd[lang], ...capped(notMet.map(targetLine), CHAT_LIMITS.behind, o)]
      : [];
    out.push([TEXT.planEnded[lang](standing.planEnd, met, all), ...lines].join('\n'));
  } else if (standing.behind.length) {
    const lines = standing.behind.map(targetLine);
    out.push(
      [TEXT.periodBehind[lang](lines.length, standing.expected), ...capped(lines, CHAT_LIMITS.behind, o)].join('\n'),
    );
  }
  if (standing.stale.length) {
    const lines = standing.stale.map((s) => {
      const when = TEXT.lastUpdate[lang](s.lastUpdate && localDate(s.lastUpdate, tz));
      return `• ${ref(s.item.id)} ${s.item.title}${whoAnswers(r, lang, s.item.id, undefined, [when, TEXT.days[lang](s.idleDays)])}`;
    });
    out.push([TEXT.periodStale[lang](lines.length, o.staleDays), ...capped(lines, CHAT_LIMITS.stale, o)].join('\n'));
  }
  return out;
}

/** The period reports of every loaded report as one reply. */
export function renderPeriod(reports: PeriodReport[], o: RenderOptions): Reply {
  const { lang } = o;
  const first = reports[0]!;
  const { period } = first;
  let title = TEXT.periodTitle[lang](period.kind, period.start, period.end);
  if (first.partial) title += TEXT.periodSoFar[lang](localDateTime(first.digest.to, o.tz));
  if (reports.length === 1) title += TEXT.paren[lang](first.report.title);
  const several = reports.length > 1;
  const text: string[] = [];
  const bars: ProgressBar[] = [];
  for (const r of reports) {
    const paras = paragraphs(r, o, (id) =>
      refIn(
        reports.map((x) => x.report),
        r.report,
        id,
      ),
    );
    if (several) paras[0] = `**${r.report.title}**\n${paras[0]}`;
    text.push(...paras);
    for (const s of r.digest.standing.sections.filter((x) => x.targets)) {
      bars.push({
        label: `${several ? `${r.report.id} ` : ''}${sectionName(s.section, lang)} ${s.section.title}`,
        percent: s.percent,
        detail: TEXT.targetsMet[lang](s.met, s.targets),
      });
    }
  }
  return reply({ kind: 'status', lang, title, text, bars, hints: [TEXT.periodHint[lang](period.kind)] });
}

/**
 * A Markdown file is read raw as often as rendered: of what people wrote, only what could link,
 * embed, tag or embolden is escaped (see chat/markup.ts).
 */
const FILE: Markup = { escape: (t) => t.replace(/[\\`*[\]<>]/g, '\\$&'), bold: (t) => `**${t}**` };
const md = (text: string) => renderMarkup(text, FILE);

/** A reply as Markdown: the title as a heading, the text as it is, bars as a list. */
export function toMarkdown(r: Reply): string {
  const out: string[] = [];
  if (r.title) out.push(`# ${FILE.escape(r.title)}`);
  for (const p of r.text) {
    // A paragraph's bold lead line is a heading, section names under it smaller ones, `•` lines a list.
    const [head, ...rest] = p.split('\n');
    const lead = /^\*\*([^*]+)\*\*(.*)$/.exec(head!);
    out.push(
      [
        lead ? `## ${FILE.escape(lead[1]!)}${md(lead[2]!)}` : md(head!),
        ...rest.map((l) =>
          l.startsWith('• ') ? `- ${md(l.slice(2))}` : /^(?:\*\*|…)/.test(l) ? md(l) : `### ${md(l)}`,
        ),
      ].join('\n'),
    );
  }
  if (r.bars.length)
    out.push(
      r.bars
        .map((b) => `- ${FILE.escape(b.label)}: \`${bar(b.percent)}\`${b.detail ? ` ${FILE.escape(b.detail)}` : ''}`)
        .join('\n'),
    );
  if (r.hints.length) out.push(r.hints.map((h) => `> ${FILE.escape(h)}`).join('\n'));
  return `${out.join('\n\n')}\n`;
}
