/** State-changing commands: record progress, mark done, undo. Each runs inside the caller's unit of work (`repos`). */

import { said } from '../chat/markup.js';
import { TEXT } from '../chat/texts.js';
import { type Lang, type Reply, reply } from '../chat/types.js';
import { parseAsOf } from '../progress/asof.js';
import { type Plan, type PlanResult, planDone, planProgress } from '../progress/plan.js';
import { problemText } from '../progress/problems.js';
import { CEILING } from '../progress/value.js';
import { formatNumber, formatStanding, percentOf, refIn, targetPhrase } from '../report/format.js';
import { resolveRef } from '../report/refs.js';
import type { Report } from '../report/types.js';
import type { Actor, ProgressRecord, Repositories } from '../store/types.js';
import { localDate } from '../time.js';

/** What a command's outcome is, for the audit log. */
export interface Result {
  reply: Reply;
  outcome: 'ok' | 'refused' | 'invalid';
  detail: string;
}
type Outcome = Result;

/** Off the target's scale or the previous value's by this factor: asked, not recorded. */
const SCALE = 1000;
/** How long a question "是 1.8万个 吗？" waits for its answer. */
const CONFIRM_WITHIN_MS = 10 * 60 * 1000;

/** An update waiting to be confirmed. */
interface Pending {
  ref: string;
  value: number;
  note: string;
  raw: string;
  asOf?: string;
}

export class Updates {
  constructor(
    private readonly reports: Report[],
    private readonly tz: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Why a planned value should be confirmed before it is recorded: far off the scale of its target
   * or of the previous value (about ×1,000), or below the previous value. With the likely reading.
   */
  private doubt(plan: Plan): { reading: number; why: 'scale' | 'drop' | 'implausible' } | undefined {
    const t = plan.target;
    const v = plan.value;
    if (t?.kind !== 'quantity' || v === null || v <= 0 || t.value <= 0) return undefined;
    const p = plan.previous;
    const far = (a: number, b: number) => a / b > SCALE || b / a > SCALE;
    if (far(v, t.value) || (p !== undefined && p > 0 && far(v, p))) {
      // The reading nearest the target's scale: 1.8 against 2.2万个 is likely 1.8万.
      const readings = [v, v * 1e4, v * 1e8].filter((x) => x <= CEILING);
      const distance = (x: number) => Math.abs(Math.log10(x / t.value));
      const reading = readings.reduce((a, b) => (distance(b) < distance(a) ? b : a));
      // No reading near the target's scale: not a slip of 万, just wrong.
      return { reading, why: far(reading, t.value) ? 'implausible' : 'scale' };
    }
    if (p !== undefined && v < p && plan.delta === undefined) return { reading: v, why: 'drop' };
    return undefined;
  }

  private planned(result: PlanResult, lang: Lang, verb: 'progress' | 'done'): Plan | Outcome {
    if (result.ok) return result;
    // Hints name the report of the item when it is not the one a bare reference means.
    const item = 'item' in result ? result.item : undefined;
    const report = item && this.reports.find((r) => r.sections.some((s) => s.items.includes(item)));
    const ref = (id: string) => (report ? refIn(this.reports, report, id) : id);
    return {
      reply: reply({ kind: 'invalid', lang, ephemeral: true, text: [problemText(result, lang, verb, ref)] }),
      outcome: 'invalid',
      detail: result.problem,
    };
  }

  async progress(repos: Repositories, ref: string, text: string, raw: string, by: Actor, lang: Lang): Promise<Outcome> {
    // `+N` adds to the latest value: read the item's standing (as this unit of work sees it, and as
    // it stood on the as-of date when one is given) first.
    const hit = resolveRef(this.reports, ref);
    const year = hit.kind === 'unknown' ? (this.reports[0]?.year ?? 0) : hit.report.year;
    const asOf = parseAsOf(text, year, this.tz, this.now());
    if (asOf && 'problem' in asOf)
      return this.invalid(TEXT.badAsOf[lang](asOf.date, asOf.problem), lang, 'bad as-of date');
    const when = asOf ? new Date(asOf.at.getTime() + 1).toISOString() : undefined;
    const latest =
      hit.kind === 'item' || hit.kind === 'target'
        ? await repos.progress.latestForItem(hit.report.id, hit.item.id, when)
        : new Map();
    const result = planProgress(this.reports, ref, text, (_item, target) => latest.get(target.id)?.value);
    const plan = this.planned(result, lang, 'progress');
    if ('outcome' in plan) return plan;
    const doubt = this.doubt(plan);
    if (doubt?.why === 'implausible') {
      const t = plan.target!;
      return this.invalid(
        TEXT.implausible[lang](`${formatNumber(plan.value!)}${t.unit}`, targetPhrase(t, lang), t.id),
        lang,
        'implausible',
      );
    }
    if (doubt) {
      const pending: Pending = {
        ref: `${plan.report.id}:${plan.target!.id}`,
        value: doubt.reading,
        note: text,
        raw,
        asOf: asOf?.at.toISOString(),
      };
      await repos.pending.put(
        { platform: by.platform, channelId: by.channelId, userId: by.userId },
        JSON.stringify(pending),
      );
      const t = plan.target!;
      const reading = `${formatNumber(doubt.reading)}${t.unit}`;
      const ask =
        doubt.why === 'scale'
          ? TEXT.confirmScale[lang](reading, targetPhrase(t, lang))
          : TEXT.confirmDrop[lang](reading, `${formatNumber(plan.previous!)}${t.unit}`);
      return {
        reply: reply({ kind: 'info', lang, text: [ask] }),
        outcome: 'invalid',
        detail: `asked to confirm ${t.id}=${doubt.reading}`,
      };
    }
    return this.write(repos, plan, text, raw, by, lang, asOf?.at.toISOString());
  }

  /** "是" / "yes": record what the same person was asked to confirm here, a few minutes ago. */
  async confirm(repos: Repositories, by: Actor, lang: Lang): Promise<Outcome> {
    const stored = await repos.pending.take(
      { platform: by.platform, channelId: by.channelId, userId: by.userId },
      CONFIRM_WITHIN_MS,
    );
    if (!stored) return this.invalid(TEXT.nothingToConfirm[lang], lang, 'nothing to confirm');
    const p = JSON.parse(stored) as Pending;
    const hit = resolveRef(this.reports, p.ref);
    if (hit.kind !== 'target') return this.invalid(TEXT.nothingToConfirm[lang], lang, 'target gone');
    const previous = (await repos.progress.latestForItem(hit.report.id, hit.item.id)).get(hit.target.id)?.value;
    const plan: Plan = { report: hit.report, item: hit.item, target: hit.target, value: p.value, previous };
    return this.write(repos, plan, p.note, p.raw, by, lang, p.asOf);
  }

  /** A record one may undo or correct: there, not undone, and one's own unless an admin. */
  private changeable(
    rec: ProgressRecord | undefined,
    recordId: number,
    by: Actor,
    isAdmin: boolean,
    lang: Lang,
  ): ProgressRecord | Outcome {
    if (!rec) return this.invalid(TEXT.noRecord[lang](recordId), lang, 'no such record');
    if (rec.kind === 'undo' || rec.undone)
      return this.invalid(TEXT.alreadyUndone[lang](rec.id), lang, 'already undone');
    if (!isAdmin && (rec.platform !== by.platform || rec.userId !== by.userId)) {
      return {
        reply: reply({ kind: 'refused', lang, ephemeral: true, text: [TEXT.notYours[lang](rec.id)] }),
        outcome: 'refused',
        detail: `#${rec.id} belongs to ${rec.userId}`,
      };
    }
    return rec;
  }

  private invalid(text: string, lang: Lang, detail: string): Outcome {
    return { reply: reply({ kind: 'invalid', lang, ephemeral: true, text: [text] }), outcome: 'invalid', detail };
  }

  async done(repos: Repositories, ref: string, text: string, raw: string, by: Actor, lang: Lang): Promise<Outcome> {
    const plan = this.planned(planDone(this.reports, ref), lang, 'done');
    if ('outcome' in plan) return plan;
    const already =
      plan.target && (await repos.progress.latestForItem(plan.report.id, plan.item.id)).get(plan.target.id);
    if (already && already.value >= 1) {
      const when = localDate(already.at, this.tz);
      const text = TEXT.alreadyDone[lang](plan.target!.id, said(already.userName), when);
      return {
        reply: reply({ kind: 'invalid', lang, ephemeral: true, text: [text] }),
        outcome: 'invalid',
        detail: 'already done',
      };
    }
    return this.write(repos, plan, text, raw, by, lang);
  }

  private async write(
    repos: Repositories,
    plan: Plan,
    note: string,
    raw: string,
    by: Actor,
    lang: Lang,
    asOf?: string,
  ): Promise<Outcome> {
    const rec = await repos.progress.add(
      {
        reportId: plan.report.id,
        itemId: plan.item.id,
        targetId: plan.target?.id ?? null,
        value: plan.value,
        kind: 'update',
        note,
        rawText: raw,
        asOf,
      },
      by,
    );
    const undoHint = TEXT.undoHint[lang](rec.id);
    const t = plan.target;
    if (!t) {
      return {
        reply: reply({
          kind: 'recorded',
          lang,
          title: TEXT.recordedNote[lang](`${refIn(this.reports, plan.report, plan.item.id)} ${plan.item.title}`),
          text: [`“${note}”`],
          hints: [undoHint],
        }),
        outcome: 'ok',
        detail: `#${rec.id}`,
      };
    }
    const standing = formatStanding(t, plan.value!, lang);
    const change =
      plan.delta !== undefined
        ? TEXT.addedTo[lang](formatNumber(plan.previous ?? 0), formatNumber(plan.delta))
        : plan.previous !== undefined && t.kind === 'quantity'
          ? TEXT.was[lang](formatNumber(plan.previous))
          : '';
    const dated = asOf ? TEXT.asOfNote[lang](localDate(asOf, this.tz)) : '';
    const percent = Math.min(100, percentOf(t, plan.value!));
    return {
      reply: reply({
        kind: 'recorded',
        lang,
        title: TEXT.recorded[lang](refIn(this.reports, plan.report, t.id)),
        text: [`${targetPhrase(t, lang)}：**${standing}**${change}${dated}`],
        bars: [{ label: `${t.id} ${t.metric}`, percent }],
        hints: [undoHint],
      }),
      outcome: 'ok',
      detail: `#${rec.id} ${t.id}=${plan.value}`,
    };
  }

  async undo(
    repos: Repositories,
    recordId: number | undefined,
    arg: string,
    raw: string,
    by: Actor,
    isAdmin: boolean,
    lang: Lang,
  ): Promise<Outcome> {
    if (arg && recordId === undefined) return this.invalid(TEXT.undoUsage[lang], lang, 'not a record number');
    const found =
      recordId === undefined
        ? await repos.progress.lastUndoable(by.platform, by.userId)
        : await repos.progress.get(recordId);
    if (!found && recordId === undefined) return this.invalid(TEXT.nothingToUndo[lang], lang, 'nothing to undo');
    const target = this.changeable(found, recordId!, by, isAdmin, lang);
    if ('outcome' in target) return target;
    const rec = await repos.progress.undo(target, by, raw);
    const now = target.targetId
      ? (await repos.progress.latestForItem(target.reportId, target.itemId)).get(target.targetId)?.value
      : undefined;
    const value = target.value !== null ? ` = ${formatNumber(target.value)}` : '';
    const report = this.reports.find((r) => r.id === target.reportId);
    const id = target.targetId ?? target.itemId;
    const what = `${report ? refIn(this.reports, report, id) : id}${value}`;
    const after = target.targetId ? TEXT.nowValue[lang](now === undefined ? undefined : formatNumber(now)) : '';
    return {
      reply: reply({ kind: 'recorded', lang, title: TEXT.undidTitle[lang](target.id), text: [`${what}${after}`] }),
      outcome: 'ok',
      detail: `#${rec.id} undoes #${target.id}`,
    };
  }

  /**
   * Correct a record: undo it and add the right value, dated as the old one was — nothing is
   * deleted. Own records only, unless an admin.
   */
  async edit(
    repos: Repositories,
    recordId: number | undefined,
    text: string,
    raw: string,
    by: Actor,
    isAdmin: boolean,
    lang: Lang,
  ): Promise<Outcome> {
    if (recordId === undefined) return this.invalid(TEXT.editUsage[lang], lang, 'not a record number');
    const old = this.changeable(await repos.progress.get(recordId), recordId, by, isAdmin, lang);
    if ('outcome' in old) return old;
    if (!old.targetId || old.value === null) return this.invalid(TEXT.notAValueRecord[lang](old.id), lang, 'no value');
    const result = planProgress(this.reports, `${old.reportId}:${old.targetId}`, text, () => old.value ?? undefined);
    const plan = this.planned(result, lang, 'progress');
    if ('outcome' in plan) return plan;
    const doubt = this.doubt({ ...plan, previous: undefined });
    if (doubt && doubt.why !== 'drop') {
      const t = plan.target!;
      return this.invalid(
        TEXT.implausible[lang](`${formatNumber(plan.value!)}${t.unit}`, targetPhrase(t, lang), t.id),
        lang,
        'implausible',
      );
    }
    await repos.progress.undo(old, by, raw);
    const rec = await repos.progress.add(
      {
        reportId: old.reportId,
        itemId: old.itemId,
        targetId: old.targetId,
        value: plan.value,
        kind: 'update',
        note: old.note,
        rawText: raw,
        asOf: old.asOf,
      },
      by,
    );
    const t = plan.target!;
    const line = TEXT.edited[lang](t.id, formatNumber(old.value), formatStanding(t, plan.value!, lang), rec.id);
    return {
      reply: reply({ kind: 'recorded', lang, title: TEXT.editedTitle[lang](old.id), text: [line] }),
      outcome: 'ok',
      detail: `#${rec.id} corrects #${old.id}: ${t.id}=${plan.value}`,
    };
  }
}
