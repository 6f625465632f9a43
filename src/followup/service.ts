/**
 * 督办 itself: who owns each item and its lead unit (`负责`, `牵头单位`, `谁负责`), what each
 * owner owes (`我的`), and — through the reminders it extends — one reminder per owner per week,
 * snoozes, and the items still stale after a reminder, for the digest.
 */
import { said } from '../chat/markup.js';
import { TEXT } from '../chat/texts.js';
import { type Lang, type Mention, type Reply, reply } from '../chat/types.js';
import { resolveRef } from '../report/refs.js';
import type { Actor, Repositories } from '../store/types.js';
import type { Result } from './base.js';
import { namedPeople } from './people.js';
import { Reminders } from './reminders.js';

export class FollowUp extends Reminders {
  /** `负责 4.3 @某人` / `owner 4.3#1 @someone`, or with 取消/remove to take someone off. */
  async assign(
    repos: Repositories,
    arg: { ref: string; rest: string },
    mentions: Mention[],
    by: Actor,
    lang: Lang,
  ): Promise<Result> {
    const hit = resolveRef(this.reports, arg.ref);
    const usage = { reply: this.invalid(TEXT.ownerUsage[lang], lang), outcome: 'invalid' as const, detail: 'usage' };
    if (hit.kind !== 'item' && hit.kind !== 'target') return usage;
    const removing = /^(?:取消|删除|remove)\b/i.test(arg.rest) || /^(?:取消|删除)/.test(arg.rest);
    const named = namedPeople(arg.rest.replace(/^(?:取消|删除|remove)\s*/i, ''), mentions, by.platform);
    if (named.unknown.length)
      return {
        reply: this.invalid(TEXT.ownerUnknown[lang](named.unknown.map(said)), lang),
        outcome: 'invalid',
        detail: 'unknown',
      };
    if (!named.people.length) return usage;
    const targetId = hit.kind === 'target' ? hit.target.id : null;
    const id = this.refOf(hit.report, targetId ?? hit.item.id);
    for (const p of named.people) {
      const owner = { reportId: hit.report.id, itemId: hit.item.id, targetId, ...p };
      if (removing) await repos.owners.unassign(owner);
      else await repos.owners.assign(owner, by);
    }
    const names = named.people.map((p) => said(p.name)).join(TEXT.listSep[lang]);
    const all = await repos.owners.ofItem(hit.report.id, hit.item.id);
    const text = [
      (removing ? TEXT.ownerRemoved : TEXT.ownerAssigned)[lang](id, hit.item.title, names),
      TEXT.ownersNow[lang](this.ownerNames(all, lang)),
    ];
    const detail = `${removing ? 'removed' : 'assigned'} ${named.people.map((p) => `${p.platform}:${p.userId}`).join(',')} ${id}`;
    return { reply: reply({ kind: 'recorded', lang, text }), outcome: 'ok', detail };
  }

  /** `牵头单位 4.3 市人才办` / `lead 4.3 City Talent Office` (empty: cleared). */
  async setUnit(repos: Repositories, arg: { ref: string; rest: string }, by: Actor, lang: Lang): Promise<Result> {
    const hit = resolveRef(this.reports, arg.ref);
    if (hit.kind !== 'item' && hit.kind !== 'target')
      return { reply: this.invalid(TEXT.unitUsage[lang], lang), outcome: 'invalid', detail: 'usage' };
    const unit = arg.rest
      .replace(/^(?:取消|清除|clear|none)$/i, '')
      .trim()
      .slice(0, 100);
    await repos.owners.setUnit(hit.report.id, hit.item.id, unit, by);
    const id = this.refOf(hit.report, hit.item.id);
    const text = unit ? TEXT.unitSet[lang](id, hit.item.title, said(unit)) : TEXT.unitCleared[lang](id);
    return { reply: reply({ kind: 'recorded', lang, text: [text] }), outcome: 'ok', detail: `${id} ${unit}` };
  }

  /** `谁负责 4.3` / `who owns 4.3`. */
  async whoOwns(ref: string, lang: Lang): Promise<Reply> {
    const hit = resolveRef(this.reports, ref);
    if (hit.kind !== 'item' && hit.kind !== 'target') return this.invalid(TEXT.whoOwnsUsage[lang], lang);
    const owners = await this.store.owners.ofItem(hit.report.id, hit.item.id);
    const unit = (await this.store.owners.units()).get(`${hit.report.id}:${hit.item.id}`);
    const id = this.refOf(hit.report, hit.item.id);
    const text = [TEXT.ownersOf[lang](id, hit.item.title, this.ownerNames(owners, lang))];
    if (unit) text.push(TEXT.leadUnit[lang](said(unit)));
    if (!owners.length) text.push(TEXT.ownerHint[lang](id));
    return reply({ kind: 'info', lang, text });
  }

  /** `我的` / `mine`: the items I own, their standing, and what is due. */
  async mine(by: Actor, lang: Lang): Promise<Reply> {
    const owned = await this.store.owners.ofUser(by.platform, by.userId);
    if (!owned.length) return reply({ kind: 'info', lang, ephemeral: true, text: [TEXT.mineNone[lang]] });
    const at = this.now();
    const due = await this.dueItems(owned, at, new Map());
    const lines: string[] = [TEXT.mineHead[lang](new Set(owned.map((o) => `${o.reportId}:${o.itemId}`)).size)];
    for (const key of new Set(owned.map((o) => `${o.reportId}:${o.itemId}`))) {
      const found = this.locate(key);
      if (!found) continue;
      const { report, section, item } = found;
      // A due item carries its state already; the others are read here.
      const d = due.find((x) => x.report === report && x.item === item);
      const state = d?.state ?? (await this.standings.item(report, section, item, at));
      lines.push(this.itemLine(report, state, d, lang));
      if (d) lines.push(`  ${TEXT.replyWith[lang](this.command(d, lang))}`);
    }
    return reply({ kind: 'status', lang, text: [lines.join('\n')] });
  }
}
