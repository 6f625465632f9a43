/** State-changing commands: record progress, mark done, undo. Each runs inside the caller's transaction. */
import { formatNumber, formatStanding, percentOf, targetPhrase } from '../report/format.js';
import type { Report } from '../report/types.js';
import { type Plan, planDone, planProgress, type PlanResult } from '../progress/plan.js';
import type { Store } from '../store/index.js';
import { localDate } from '../time.js';
import type { Actor } from '../store/progress.js';
import { problemText } from '../progress/problems.js';
import { TEXT } from '../chat/texts.js';
import { type Lang, type Reply, reply } from '../chat/types.js';

export type Outcome = { reply: Reply; outcome: 'ok' | 'refused' | 'invalid'; detail: string };

export class Updates {
  constructor(
    private readonly reports: Report[],
    private readonly store: Store,
    private readonly tz: string,
  ) {}

  private latest = (reportId: string) => (item: { id: string }, target: { id: string }) =>
    this.store.progress.latestForItem(reportId, item.id).get(target.id)?.value;

  private planned(result: PlanResult, lang: Lang, verb: 'progress' | 'done'): Plan | Outcome {
    if (result.ok) return result;
    return { reply: reply({ kind: 'invalid', lang, ephemeral: true, text: [problemText(result, lang, verb)] }), outcome: 'invalid', detail: result.problem };
  }

  progress(ref: string, text: string, raw: string, by: Actor, lang: Lang): Outcome {
    const result = planProgress(this.reports, ref, text, (item, target) => {
      const report = this.reports.find((r) => r.sections.some((s) => s.items.includes(item)));
      return report ? this.latest(report.id)(item, target) : undefined;
    });
    const plan = this.planned(result, lang, 'progress');
    return 'outcome' in plan ? plan : this.write(plan, text, raw, by, lang);
  }

  done(ref: string, text: string, raw: string, by: Actor, lang: Lang): Outcome {
    const plan = this.planned(planDone(this.reports, ref), lang, 'done');
    if ('outcome' in plan) return plan;
    const already = plan.target && this.store.progress.latestForItem(plan.report.id, plan.item.id).get(plan.target.id);
    if (already && already.value >= 1) {
      const when = localDate(already.at, this.tz);
      const text = lang === 'zh' ? `${plan.target!.id} 已经标记完成了（${already.userName}，${when}），这次没有重复记录。` : `${plan.target!.id} was already marked done (${already.userName}, ${when}); nothing was recorded again.`;
      return { reply: reply({ kind: 'invalid', lang, ephemeral: true, text: [text] }), outcome: 'invalid', detail: 'already done' };
    }
    return this.write(plan, text, raw, by, lang);
  }

  private write(plan: Plan, note: string, raw: string, by: Actor, lang: Lang): Outcome {
    const rec = this.store.progress.add(
      { reportId: plan.report.id, itemId: plan.item.id, targetId: plan.target?.id ?? null, value: plan.value, kind: 'update', note, rawText: raw },
      by,
    );
    const zh = lang === 'zh';
    const undoHint = zh ? `发错了？发送“撤销”即可撤回（记录 #${rec.id}）` : `Wrong? Send "undo" to take it back (record #${rec.id})`;
    const t = plan.target;
    if (!t) {
      return {
        reply: reply({ kind: 'recorded', lang, title: zh ? `已记录 ${plan.item.id} ${plan.item.title}` : `Recorded for ${plan.item.id} ${plan.item.title}`, text: [`“${note}”`], hints: [undoHint] }),
        outcome: 'ok',
        detail: `#${rec.id}`,
      };
    }
    const standing = formatStanding(t, plan.value!, lang);
    const change =
      plan.delta !== undefined
        ? zh ? `（在 ${formatNumber(plan.previous ?? 0)} 的基础上 +${formatNumber(plan.delta)}）` : ` (${formatNumber(plan.previous ?? 0)} + ${formatNumber(plan.delta)})`
        : plan.previous !== undefined && t.kind === 'quantity'
          ? zh ? `（上次 ${formatNumber(plan.previous)}）` : ` (was ${formatNumber(plan.previous)})`
          : '';
    const percent = Math.min(100, percentOf(t, plan.value!));
    return {
      reply: reply({
        kind: 'recorded',
        lang,
        title: zh ? `已记录 ${t.id}` : `Recorded ${t.id}`,
        text: [`${targetPhrase(t, lang)}：**${standing}**${change}`],
        bars: [{ label: `${t.id} ${t.metric}`, percent }],
        hints: [undoHint],
      }),
      outcome: 'ok',
      detail: `#${rec.id} ${t.id}=${plan.value}`,
    };
  }

  undo(recordId: number | undefined, arg: string, raw: string, by: Actor, isAdmin: boolean, lang: Lang): Outcome {
    const invalid = (text: string, detail: string): Outcome => ({ reply: reply({ kind: 'invalid', lang, ephemeral: true, text: [text] }), outcome: 'invalid', detail });
    if (arg && recordId === undefined) return invalid(TEXT.undoUsage[lang], 'not a record number');
    const target = recordId === undefined ? this.store.progress.lastUndoable(by.platform, by.userId) : this.store.progress.get(recordId);
    if (!target) return recordId === undefined ? invalid(TEXT.nothingToUndo[lang], 'nothing to undo') : invalid(TEXT.noRecord[lang](recordId), 'no such record');
    if (target.kind === 'undo' || target.undone) return invalid(TEXT.alreadyUndone[lang](target.id), 'already undone');
    if (!isAdmin && (target.platform !== by.platform || target.userId !== by.userId)) {
      return { reply: reply({ kind: 'refused', lang, ephemeral: true, text: [TEXT.notYours[lang](target.id)] }), outcome: 'refused', detail: `#${target.id} belongs to ${target.userId}` };
    }
    const rec = this.store.progress.undo(target, by, raw);
    const now = target.targetId ? this.store.progress.latestForItem(target.reportId, target.itemId).get(target.targetId)?.value : undefined;
    const zh = lang === 'zh';
    const what = `${target.targetId ?? target.itemId}${target.value !== null ? ` = ${formatNumber(target.value)}` : ''}`;
    const after = target.targetId ? (now === undefined ? (zh ? '现在没有进展记录' : 'no value now') : zh ? `现在是 ${formatNumber(now)}` : `now ${formatNumber(now)}`) : '';
    return {
      reply: reply({ kind: 'recorded', lang, title: zh ? `已撤销记录 #${target.id}` : `Undid record #${target.id}`, text: [`${what}${after ? (zh ? `，${after}` : `; ${after}`) : ''}`] }),
      outcome: 'ok',
      detail: `#${rec.id} undoes #${target.id}`,
    };
  }
}
