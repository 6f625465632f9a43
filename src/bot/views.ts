/** Read-only replies: status (report, section, item), history, tasks — the read model rendered for chat. */

import { said } from '../chat/markup.js';
import { TEXT } from '../chat/texts.js';
import { type Lang, type ProgressBar, type Reply, reply } from '../chat/types.js';
import type { Standings } from '../progress/standing.js';
import type { English } from '../report/english.js';
import { formatNumber, formatStanding, refIn, sectionLabel, targetPhrase } from '../report/format.js';
import { resolveRef } from '../report/refs.js';
import type { Item, Report, Section, Target } from '../report/types.js';
import type { OwnerRepository, ProgressRecord, ProgressRepository } from '../store/types.js';
import { localDateTime } from '../time.js';

export class Views {
  constructor(
    private readonly reports: Report[],
    private readonly progress: ProgressRepository,
    private readonly standings: Standings,
    private readonly tz: string,
    private readonly owners?: OwnerRepository,
    /** The report's titles and targets in plain English, where they read whole. */
    private readonly english?: English,
  ) {}

  /** An item's title as the reader reads it: English where it reads whole (`Strengthen talent support`). */
  private title(item: Item, lang: Lang): string {
    return (lang === 'en' && this.english?.title(item.title)) || item.title;
  }

  /** A target as the reader says it: `at least 25 leading talents and teams` / `领军人才及团队 ≥25个`. */
  private target(t: Target, lang: Lang): string {
    return lang === 'en' && this.english ? this.english.target(t) : targetPhrase(t, lang);
  }

  /** Where a target stands: `2,000 of 22,000 (9%)` / `2000/2.2万个，9%`. */
  private standing(t: Target, value: number, lang: Lang): string {
    return lang === 'en' && this.english ? this.english.standing(t, value) : formatStanding(t, value, lang);
  }

  /** A heading with its report's name in front when several reports are loaded. */
  private named(report: Report, heading: string): string {
    return this.reports.length > 1 ? `${report.title} · ${heading}` : heading;
  }

  private recordLine(r: ProgressRecord, lang: Lang): string {
    const when = localDateTime(r.createdAt, this.tz);
    const value = r.value !== null ? ` = ${formatNumber(r.value)}` : '';
    const what =
      r.kind === 'undo'
        ? TEXT.undid[lang](r.undoes)
        : `${r.targetId ?? r.itemId}${value}${r.note ? ` “${said(r.note)}”` : ''}`;
    const struck = r.undone ? TEXT.struck[lang] : '';
    return `#${r.id} ${when} ${said(r.userName || r.userId)}：${what}${struck}`;
  }

  async status(ref: string, lang: Lang): Promise<Reply> {
    if (!ref.trim()) return this.reportStatus(lang);
    const hit = resolveRef(this.reports, ref);
    if (hit.kind === 'section') return this.sectionStatus(hit.report, hit.section, lang);
    if (hit.kind === 'item' || hit.kind === 'target') return this.itemStatus(hit.report, hit.item, lang);
    return this.unknown(
      ref,
      hit.candidates.map((c) => `${c.id} ${c.title}`),
      lang,
      'status',
    );
  }

  unknown(ref: string, candidates: string[], lang: Lang, cmd: 'status' | 'history' | 'tasks'): Reply {
    const near = candidates.slice(0, 4).join(TEXT.listSep[lang]);
    const text = TEXT.notFoundRef[lang](said(ref), near, TEXT.commandWord[lang](cmd));
    return reply({ kind: 'invalid', lang, ephemeral: true, text: [text] });
  }

  private async reportStatus(lang: Lang): Promise<Reply> {
    const bars: ProgressBar[] = [];
    for (const report of this.reports) {
      for (const s of (await this.standings.report(report)).sections) {
        bars.push({
          label: this.named(report, sectionLabel(s.section, lang)),
          percent: s.percent,
          detail: s.targets ? TEXT.sectionCounts[lang](s.targets, s.withProgress) : TEXT.noMeasurable[lang],
        });
      }
    }
    const title = this.reports.length === 1 ? this.reports[0]!.title : TEXT.allReports[lang];
    return reply({
      kind: 'status',
      lang,
      title: TEXT.standingTitle[lang](title),
      bars,
      hints: [TEXT.statusHint[lang]],
    });
  }

  private async sectionStatus(report: Report, section: Section, lang: Lang): Promise<Reply> {
    const bars: ProgressBar[] = [];
    const text: string[] = [];
    const none = TEXT.noUpdate[lang];
    for (const { item, targets } of (await this.standings.section(report, section)).items) {
      if (!targets.length) {
        const note = await this.progress.latestNote(report.id, item.id);
        const latest = note
          ? ` — ${said(note.note || note.rawText)}（${localDateTime(note.createdAt, this.tz)}）`
          : ` — ${none}`;
        text.push(`${item.id} ${item.title}${latest}`);
        continue;
      }
      for (const t of targets) {
        bars.push({
          label: `${t.target.id} ${this.target(t.target, lang)}`,
          percent: t.percent,
          detail: t.value === undefined ? none : this.standing(t.target, t.value, lang),
        });
      }
    }
    return reply({ kind: 'status', lang, title: this.named(report, sectionLabel(section, lang)), text, bars });
  }

  private async itemStatus(report: Report, item: Item, lang: Lang): Promise<Reply> {
    const section = report.sections.find((s) => s.items.includes(item))!;
    const state = await this.standings.item(report, section, item);
    const bars = state.targets.map((t) => ({
      label: `${t.target.id} ${this.target(t.target, lang)}`,
      percent: t.percent,
      detail:
        t.value === undefined
          ? TEXT.noUpdate[lang]
          : `${this.standing(t.target, t.value, lang)}${TEXT.paren[lang](`${t.userName}${TEXT.comma[lang]}${localDateTime(t.at!, this.tz)}`)}`,
    }));
    const records = await this.progress.history(report.id, item.id, 5);
    const text = records.length
      ? [TEXT.latestRecords[lang], ...records.map((r) => this.recordLine(r, lang))]
      : [TEXT.noRecords[lang]];
    if (this.owners) {
      // Who answers for it, and its lead unit: one line above the records.
      const owners = await this.owners.ofItem(report.id, item.id);
      const unit = (await this.owners.units()).get(`${report.id}:${item.id}`);
      const names = [
        ...new Set(owners.map((o) => (o.targetId ? `${said(o.name)}${TEXT.paren[lang](o.targetId)}` : said(o.name)))),
      ];
      const who = TEXT.ownersNow[lang](names.length ? names.join(TEXT.listSep[lang]) : TEXT.noOwner[lang]);
      text.unshift(unit ? `${who}${TEXT.listSep[lang]}${TEXT.leadUnit[lang](said(unit))}` : who);
    }
    const id = refIn(this.reports, report, item.id);
    const title = `${id} ${this.title(item, lang)}`;
    return reply({ kind: 'status', lang, title, text, bars, hints: [TEXT.itemHint[lang](id)] });
  }

  async history(ref: string, lang: Lang): Promise<Reply> {
    const hit = resolveRef(this.reports, ref);
    if (hit.kind !== 'item' && hit.kind !== 'target') {
      if (!ref.trim()) return reply({ kind: 'invalid', lang, ephemeral: true, text: [TEXT.historyUsage[lang]] });
      return this.unknown(
        ref,
        hit.kind === 'unknown' ? hit.candidates.map((c) => `${c.id} ${c.title}`) : [],
        lang,
        'history',
      );
    }
    const records = await this.progress.history(hit.report.id, hit.item.id, 20);
    return reply({
      kind: 'status',
      lang,
      title: TEXT.historyTitle[lang](`${refIn(this.reports, hit.report, hit.item.id)} ${hit.item.title}`),
      text: records.length ? records.map((r) => this.recordLine(r, lang)) : [TEXT.noRecords[lang]],
      hints: [TEXT.historyHint[lang]],
    });
  }

  tasks(ref: string, lang: Lang): Reply {
    let sections = this.reports.flatMap((report) => report.sections.map((section) => ({ report, section })));
    if (ref.trim()) {
      const hit = resolveRef(this.reports, ref);
      if (hit.kind === 'unknown') {
        const near = hit.candidates.map((c) => `${c.id} ${c.title}`);
        return this.unknown(ref, near, lang, 'tasks');
      }
      sections = [{ report: hit.report, section: hit.section }];
    }
    const text = sections.map(({ report, section: s }) => {
      const lines = [`**${this.named(report, sectionLabel(s, lang))}**`];
      for (const i of s.items) {
        lines.push(`${refIn(this.reports, report, i.id)} ${i.title}`);
        for (const t of i.targets) lines.push(`   ${refIn(this.reports, report, t.id)} ${targetPhrase(t, lang)}`);
      }
      return lines.join('\n');
    });
    return reply({ kind: 'info', lang, title: TEXT.tasksTitle[lang], text, hints: [TEXT.tasksHint[lang]] });
  }
}
