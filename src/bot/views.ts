/** Read-only replies: status (report, section, item), history, tasks — the read model rendered for chat. */

import { type Lang, type ProgressBar, type Reply, reply } from '../chat/types.js';
import type { Standings } from '../progress/standing.js';
import { formatNumber, formatStanding, sectionLabel, targetPhrase } from '../report/format.js';
import { resolveRef } from '../report/refs.js';
import type { Item, Report, Section } from '../report/types.js';
import type { ProgressRecord, ProgressRepository } from '../store/types.js';
import { localDateTime } from '../time.js';

export class Views {
  constructor(
    private readonly reports: Report[],
    private readonly progress: ProgressRepository,
    private readonly standings: Standings,
    private readonly tz: string,
  ) {}

  private recordLine(r: ProgressRecord, lang: Lang): string {
    const when = localDateTime(r.createdAt, this.tz);
    const what =
      r.kind === 'undo'
        ? lang === 'zh'
          ? `撤销了 #${r.undoes}`
          : `undid #${r.undoes}`
        : `${r.targetId ?? r.itemId}${r.value !== null ? ` = ${formatNumber(r.value)}` : ''}${r.note ? ` “${r.note}”` : ''}`;
    const struck = r.undone ? (lang === 'zh' ? '（已撤销）' : ' (undone)') : '';
    return `#${r.id} ${when} ${r.userName || r.userId}：${what}${struck}`;
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

  unknown(ref: string, candidates: string[], lang: Lang, cmd: string): Reply {
    const near = candidates.slice(0, 4).join(lang === 'zh' ? '；' : '; ');
    const zhCmd = { status: '状态', history: '历史', tasks: '任务' }[cmd] ?? cmd;
    return reply({
      kind: 'invalid',
      lang,
      ephemeral: true,
      text: [
        lang === 'zh'
          ? `没有找到“${ref}”。${near ? `您是不是要找：${near}？` : ''}请这样写：${zhCmd} 4.3`
          : `I could not find "${ref}".${near ? ` Did you mean: ${near}?` : ''} Write it like: ${cmd} 4.3`,
      ],
    });
  }

  private async reportStatus(lang: Lang): Promise<Reply> {
    const bars: ProgressBar[] = [];
    for (const report of this.reports) {
      for (const s of (await this.standings.report(report)).sections) {
        const zh = lang === 'zh';
        const counts = zh
          ? `${s.targets}个目标，${s.withProgress}个有进展`
          : `${s.targets} targets, ${s.withProgress} with progress`;
        bars.push({
          label: sectionLabel(s.section, lang),
          percent: s.percent,
          detail: s.targets ? counts : zh ? '无量化目标' : 'no measurable target',
        });
      }
    }
    const title = this.reports.length === 1 ? this.reports[0]!.title : lang === 'zh' ? '全部报告' : 'All reports';
    return reply({
      kind: 'status',
      lang,
      title: `${title} · ${lang === 'zh' ? '完成情况' : 'standing'}`,
      bars,
      hints: [lang === 'zh' ? '查看一部分：状态 4；查看一项：状态 4.3' : 'One section: status 4; one item: status 4.3'],
    });
  }

  private async sectionStatus(report: Report, section: Section, lang: Lang): Promise<Reply> {
    const bars: ProgressBar[] = [];
    const text: string[] = [];
    const none = lang === 'zh' ? '暂无进展' : 'no update yet';
    for (const { item, targets } of (await this.standings.section(report, section)).items) {
      if (!targets.length) {
        const note = await this.progress.latestNote(report.id, item.id);
        const latest = note
          ? ` — ${note.note || note.rawText}（${localDateTime(note.createdAt, this.tz)}）`
          : ` — ${none}`;
        text.push(`${item.id} ${item.title}${latest}`);
        continue;
      }
      for (const t of targets) {
        bars.push({
          label: `${t.target.id} ${targetPhrase(t.target, lang)}`,
          percent: t.percent,
          detail: t.value === undefined ? none : formatStanding(t.target, t.value, lang),
        });
      }
    }
    return reply({ kind: 'status', lang, title: sectionLabel(section, lang), text, bars });
  }

  private async itemStatus(report: Report, item: Item, lang: Lang): Promise<Reply> {
    const section = report.sections.find((s) => s.items.includes(item))!;
    const state = await this.standings.item(report, section, item);
    const bars = state.targets.map((t) => ({
      label: `${t.target.id} ${targetPhrase(t.target, lang)}`,
      percent: t.percent,
      detail:
        t.value === undefined
          ? lang === 'zh'
            ? '暂无进展'
            : 'no update yet'
          : `${formatStanding(t.target, t.value, lang)}（${t.userName}，${localDateTime(t.at!, this.tz)}）`,
    }));
    const records = await this.progress.history(report.id, item.id, 5);
    const text = records.length
      ? [lang === 'zh' ? '最近记录：' : 'Latest records:', ...records.map((r) => this.recordLine(r, lang))]
      : [lang === 'zh' ? '还没有进展记录。' : 'No progress recorded yet.'];
    return reply({
      kind: 'status',
      lang,
      title: `${item.id} ${item.title}`,
      text,
      bars,
      hints: [
        lang === 'zh'
          ? `登记进展：进展 ${item.id} …；全部记录：历史 ${item.id}`
          : `Record: progress ${item.id} …; all records: history ${item.id}`,
      ],
    });
  }

  async history(ref: string, lang: Lang): Promise<Reply> {
    const hit = resolveRef(this.reports, ref);
    if (hit.kind !== 'item' && hit.kind !== 'target') {
      if (!ref.trim())
        return reply({
          kind: 'invalid',
          lang,
          ephemeral: true,
          text: [lang === 'zh' ? '请写明条目，例如：历史 4.3' : 'Name the item, for example: history 4.3'],
        });
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
      title: `${hit.item.id} ${hit.item.title} · ${lang === 'zh' ? '进展记录' : 'records'}`,
      text: records.length
        ? records.map((r) => this.recordLine(r, lang))
        : [lang === 'zh' ? '还没有进展记录。' : 'No progress recorded yet.'],
      hints: [
        lang === 'zh'
          ? '撤销自己最近一条：撤销；管理员撤销任一条：撤销 编号'
          : 'Undo your last: undo; admins undo any: undo NUMBER',
      ],
    });
  }

  tasks(ref: string, lang: Lang): Reply {
    let sections = this.reports.flatMap((r) => r.sections);
    if (ref.trim()) {
      const hit = resolveRef(this.reports, ref);
      if (hit.kind === 'unknown')
        return this.unknown(
          ref,
          hit.candidates.map((c) => `${c.id} ${c.title}`),
          lang,
          'tasks',
        );
      sections = [hit.section];
    }
    const text = sections.map((s) => {
      const lines = [`**${sectionLabel(s, lang)}**`];
      for (const i of s.items) {
        lines.push(`${i.id} ${i.title}`);
        for (const t of i.targets) lines.push(`   ${t.id} ${targetPhrase(t, lang)}`);
      }
      return lines.join('\n');
    });
    return reply({
      kind: 'info',
      lang,
      title: lang === 'zh' ? '工作任务' : 'Tasks',
      text,
      hints: [lang === 'zh' ? '查看完成情况：状态 4.3' : 'See the standing: status 4.3'],
    });
  }
}
