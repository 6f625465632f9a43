/**
 * 督办 itself: who owns each item, what each owner owes (items stale or behind the plan's pace),
 * one reminder per owner per week sent as a direct message (claimed in the store before sending,
 * like the digest), snoozes, and the items still stale after a reminder, for the digest.
 */
import { TEXT } from '../chat/texts.js';
import { type Lang, type Mention, type Reply, reply, type Sender } from '../chat/types.js';
import {
  type ItemState,
  type PlanSettings,
  planPeriod,
  type Standings,
  type TargetState,
} from '../progress/standing.js';
import { formatStanding, refIn } from '../report/format.js';
import { resolveRef } from '../report/refs.js';
import type { Item, Report, Target } from '../report/types.js';
import type { Actor, Owner, Repositories, Store } from '../store/types.js';
import { localDate, startOfLocalDay } from '../time.js';
import { directChannel, namedPeople, type Person } from './people.js';

const DAY = 86400000;

/** What a command's run gives back (the bot's Result). */
interface Result {
  reply: Reply;
  outcome: 'ok' | 'refused' | 'invalid';
  detail: string;
}

/** An item an owner is asked about, and why. */
export interface DueItem {
  report: Report;
  item: Item;
  state: ItemState;
  /** Days without an update (when stale). */
  staleDays?: number;
  /** Targets behind the plan's pace (of those the person owns). */
  behind: TargetState[];
  /** The target to report first (the first one not met), if the item has targets. */
  ask?: Target;
}

export interface Due {
  person: Person;
  items: DueItem[];
}

/** What became of one owner's reminder: `held` when another sender's claim on it is still being sent. */
export type RemindResult = 'sent' | 'already' | 'held' | 'failed' | 'dry-run';

/** `YYYY-Www`: the ISO week of a local date — the period a reminder counts in. */
export function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  // The week belongs to the year of its Thursday.
  day.setUTCDate(day.getUTCDate() + 4 - (day.getUTCDay() || 7));
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The command that reports progress on a target or an item. */
export function reportCommand(id: string, target: Target | undefined, lang: Lang): string {
  if (target?.kind === 'milestone') return TEXT.doneCommand[lang](target.id);
  if (target) return TEXT.progressCommand[lang](target.id);
  return TEXT.noteCommand[lang](id);
}

export class FollowUp {
  constructor(
    private readonly reports: Report[],
    private readonly store: Store,
    private readonly standings: Standings,
    private readonly settings: PlanSettings,
    /** Where direct messages go, by platform; filled as platforms start. */
    readonly senders: Record<string, Sender>,
    private readonly now: () => Date = () => new Date(),
    private readonly log: (line: string) => void = () => {},
  ) {}

  private refOf(report: Report, id: string): string {
    return refIn(this.reports, report, id);
  }

  private ownerNames(owners: Owner[], lang: Lang): string {
    return owners.length
      ? owners.map((o) => (o.targetId ? `${o.name}${TEXT.paren[lang](o.targetId)}` : o.name)).join(TEXT.listSep[lang])
      : TEXT.noOwner[lang];
  }

  /** Owners of every item by `report:item`. */
  async ownersByItem(): Promise<Map<string, Owner[]>> {
    const out = new Map<string, Owner[]>();
    for (const o of await this.store.owners.all()) {
      const key = `${o.reportId}:${o.itemId}`;
      out.set(key, [...(out.get(key) ?? []), o]);
    }
    return out;
  }

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
        reply: this.invalid(TEXT.ownerUnknown[lang](named.unknown), lang),
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
    const names = named.people.map((p) => p.name).join(TEXT.listSep[lang]);
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
    const text = unit ? TEXT.unitSet[lang](id, hit.item.title, unit) : TEXT.unitCleared[lang](id);
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
    if (unit) text.push(TEXT.leadUnit[lang](unit));
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

  /** The command that reports a due item, as its owner would type it. */
  command(d: DueItem, lang: Lang): string {
    return reportCommand(this.refOf(d.report, d.item.id), d.ask, lang);
  }

  /** The report, section and item of a `report:item` key. */
  private locate(key: string) {
    const report = this.reports.find((r) => key.startsWith(`${r.id}:`));
    const place = report && this.place(report, key.slice(report.id.length + 1));
    return report && place ? { report, ...place } : undefined;
  }

  private place(report: Report, itemId: string) {
    for (const section of report.sections) {
      const item = section.items.find((i) => i.id === itemId);
      if (item) return { section, item };
    }
    return undefined;
  }

  private itemLine(report: Report, state: ItemState, due: DueItem | undefined, lang: Lang): string {
    const id = this.refOf(report, state.item.id);
    const parts: string[] = [];
    for (const t of state.targets)
      if (t.value !== undefined) parts.push(`${t.target.id} ${formatStanding(t.target, t.value, lang)}`);
    if (due?.staleDays !== undefined)
      parts.push(state.lastUpdate ? TEXT.idleFor[lang](due.staleDays) : TEXT.lastUpdate[lang](undefined));
    for (const t of due?.behind ?? []) parts.push(TEXT.behindPace[lang](t.target.id));
    if (!parts.length) parts.push(state.lastUpdate ? TEXT.upToDate[lang] : TEXT.lastUpdate[lang](undefined));
    return `• ${id} ${state.item.title} — ${parts.join(TEXT.listSep[lang])}`;
  }

  /** The items of some ownerships that are stale or behind at `at`, not snoozed, in plans still running. */
  private async dueItems(owned: Owner[], at: Date, snoozed: Map<string, string>): Promise<DueItem[]> {
    const out: DueItem[] = [];
    const byItem = new Map<string, Owner[]>();
    for (const o of owned)
      byItem.set(`${o.reportId}:${o.itemId}`, [...(byItem.get(`${o.reportId}:${o.itemId}`) ?? []), o]);
    for (const [key, owners] of byItem) {
      if (snoozed.has(key)) continue;
      const place = this.locate(key);
      if (!place) continue;
      const { report } = place;
      const state = await this.standings.item(report, place.section, place.item, at);
      const whole = owners.some((o) => !o.targetId);
      const mineTargets = state.targets.filter((t) => whole || owners.some((o) => o.targetId === t.target.id));
      const behind = mineTargets.filter((t) => t.behind && !t.met);
      if (!state.stale && !behind.length) continue;
      // The plan has ended: nothing is stale any more, and what was not met is past reminding.
      if (!state.stale && at.getTime() >= this.planEnd(report)) continue;
      const first = behind[0] ?? mineTargets.find((t) => !t.met) ?? mineTargets[0];
      out.push({
        report,
        item: place.item,
        state,
        staleDays: state.stale ? state.idleDays : undefined,
        behind,
        ask: first?.target,
      });
    }
    return out;
  }

  private planEnd(report: Report): number {
    return planPeriod(report, this.settings).end.getTime();
  }

  /** Every owner with something due at `at`, with what. */
  async due(at: Date = this.now()): Promise<Due[]> {
    const owners = await this.store.owners.all();
    const snoozed = await this.store.reminders.snoozed(at.toISOString());
    const people = new Map<string, Owner[]>();
    for (const o of owners)
      people.set(`${o.platform}:${o.userId}`, [...(people.get(`${o.platform}:${o.userId}`) ?? []), o]);
    const out: Due[] = [];
    for (const owned of people.values()) {
      const items = await this.dueItems(owned, at, snoozed);
      const first = owned[0]!;
      if (items.length)
        out.push({ person: { platform: first.platform, userId: first.userId, name: first.name }, items });
    }
    return out;
  }

  /** A reminder as the owner reads it, in a direct message. */
  reminder(due: Due, date: string, lang: Lang = 'zh'): Reply {
    const lines = [TEXT.reminderIntro[lang](due.items.length)];
    for (const d of due.items.slice(0, 10)) {
      lines.push(this.itemLine(d.report, d.state, d, lang));
      lines.push(`  ${TEXT.replyWith[lang](this.command(d, lang))}`);
    }
    if (due.items.length > 10) lines.push(TEXT.more[lang](due.items.length - 10));
    const first = due.items[0]!;
    return reply({
      kind: 'info',
      lang,
      title: TEXT.reminderTitle[lang](date),
      text: [lines.join('\n')],
      hints: [TEXT.snoozeHint[lang](this.refOf(first.report, first.item.id))],
    });
  }

  /** The reminder period of an instant: its ISO week in the configured zone. */
  period(at: Date): string {
    return isoWeek(localDate(at, this.settings.tz));
  }

  /**
   * Remind every owner with something due, once per owner and week (claimed in the store first,
   * so a restart, a retry or a second process sends nothing twice). A dry run claims and sends nothing.
   */
  async remindAll(
    at: Date = this.now(),
    opts: { dryRun?: boolean; attempts?: number; sleep?: (ms: number) => Promise<void> } = {},
  ): Promise<{ due: Due; result: RemindResult }[]> {
    const period = this.period(at);
    const date = localDate(at, this.settings.tz);
    const out: { due: Due; result: RemindResult }[] = [];
    for (const due of await this.due(at)) {
      if (opts.dryRun) {
        out.push({ due, result: 'dry-run' });
        continue;
      }
      out.push({ due, result: await this.deliver(due, period, date, opts) });
    }
    return out;
  }

  private async deliver(
    due: Due,
    period: string,
    date: string,
    opts: { attempts?: number; sleep?: (ms: number) => Promise<void> },
  ): Promise<RemindResult> {
    const who = { platform: due.person.platform, userId: due.person.userId };
    const send = this.senders[due.person.platform];
    if (!send) return 'failed';
    if (!(await this.store.reminders.claim(who, period)))
      return (await this.store.reminders.held(who, period)) ? 'held' : 'already';
    const attempts = opts.attempts ?? 3;
    const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    let error = '';
    for (let i = 0; i < attempts; i++) {
      try {
        await send(directChannel(due.person), this.reminder(due, date));
        await this.store.reminders.markSent(
          who,
          period,
          due.items.map((d) => ({ reportId: d.report.id, itemId: d.item.id })),
        );
        this.log(`reminder ${period} sent to ${who.platform}:${who.userId} (${due.items.length} items)`);
        return 'sent';
      } catch (err) {
        error = String((err as Error)?.message ?? err);
        this.log(`reminder ${period} to ${who.platform}:${who.userId} failed (attempt ${i + 1}/${attempts}): ${error}`);
        if (i < attempts - 1) await sleep(2000 * 2 ** i);
      }
    }
    await this.store.reminders.markFailed(who, period, error);
    return 'failed';
  }

  /** `提醒 4.3` (admins): remind that item's owners now, once a day each. */
  async remindNow(ref: string, by: Actor, lang: Lang): Promise<Result> {
    const hit = resolveRef(this.reports, ref);
    if (hit.kind !== 'item' && hit.kind !== 'target')
      return { reply: this.invalid(TEXT.remindUsage[lang], lang), outcome: 'invalid', detail: 'usage' };
    const id = this.refOf(hit.report, hit.item.id);
    const owners = await this.store.owners.ofItem(hit.report.id, hit.item.id);
    if (!owners.length)
      return { reply: this.invalid(TEXT.remindNoOwner[lang](id), lang), outcome: 'invalid', detail: 'no owner' };
    const at = this.now();
    const date = localDate(at, this.settings.tz);
    const state = await this.standings.item(hit.report, hit.section, hit.item, at);
    const results: string[] = [];
    for (const o of owners.filter(
      (o, i) => owners.findIndex((p) => p.platform === o.platform && p.userId === o.userId) === i,
    )) {
      const due: Due = {
        person: o,
        items: [
          {
            report: hit.report,
            item: hit.item,
            state,
            staleDays: state.stale ? state.idleDays : undefined,
            behind: state.targets.filter((t) => t.behind && !t.met),
            ask: state.targets.find((t) => !t.met)?.target,
          },
        ],
      };
      const r = await this.deliver(due, `${date} ${hit.report.id}:${hit.item.id}`, date, { attempts: 1 });
      results.push(`${o.name}${TEXT.remindOutcome[lang](r)}`);
    }
    await this.store.audit.record(by, 'remind', `${id}`, 'ok', results.join('; '));
    return {
      reply: reply({ kind: 'recorded', lang, text: [TEXT.reminded[lang](id, results.join(TEXT.listSep[lang]))] }),
      outcome: 'ok',
      detail: results.join('; '),
    };
  }

  /** `稍后提醒 4.3 3天` / `snooze 4.3 3d`: the item's owners (or an admin) keep it out of reminders for a while. */
  async snooze(
    repos: Repositories,
    arg: { ref: string; rest: string },
    by: Actor,
    isAdmin: boolean,
    lang: Lang,
  ): Promise<Result> {
    const hit = resolveRef(this.reports, arg.ref);
    const m = /^(\d{1,2})\s*(?:天|日|d|days?)?$/i.exec(arg.rest.trim() || '7');
    if ((hit.kind !== 'item' && hit.kind !== 'target') || !m || Number(m[1]) < 1 || Number(m[1]) > 60)
      return { reply: this.invalid(TEXT.snoozeUsage[lang], lang), outcome: 'invalid', detail: 'usage' };
    const owners = await repos.owners.ofItem(hit.report.id, hit.item.id);
    if (!isAdmin && !owners.some((o) => o.platform === by.platform && o.userId === by.userId))
      return {
        reply: reply({ kind: 'refused', lang, ephemeral: true, text: [TEXT.snoozeNotOwner[lang]] }),
        outcome: 'refused',
        detail: 'not an owner',
      };
    const days = Number(m[1]);
    const until = new Date(this.now().getTime() + days * DAY);
    await repos.reminders.snooze(hit.report.id, hit.item.id, until.toISOString(), by);
    const id = this.refOf(hit.report, hit.item.id);
    return {
      reply: reply({ kind: 'recorded', lang, text: [TEXT.snoozed[lang](id, localDate(until, this.settings.tz))] }),
      outcome: 'ok',
      detail: `${id} ${days}d`,
    };
  }

  /**
   * Owned items still stale a period after a reminder listed them (no update since): what the
   * digest shows admins, with the owners.
   */
  async escalated(at: Date = this.now()): Promise<{ report: Report; state: ItemState; owners: Owner[] }[]> {
    // Reminded before this period began (a week back), and not updated since: a second period running.
    const periodStart = startOfLocalDay(
      localDate(new Date(at.getTime() - 6 * DAY), this.settings.tz),
      this.settings.tz,
    );
    const reminded = await this.store.reminders.lastReminded(periodStart.toISOString());
    if (!reminded.size) return [];
    const owners = await this.ownersByItem();
    const out: { report: Report; state: ItemState; owners: Owner[] }[] = [];
    for (const [key, when] of reminded) {
      const place = this.locate(key);
      if (!place) continue;
      const { report } = place;
      const state = await this.standings.item(report, place.section, place.item, at);
      if (!state.stale || (state.lastUpdate && state.lastUpdate > when)) continue;
      out.push({ report, state, owners: owners.get(key) ?? [] });
    }
    return out.sort((a, b) => b.state.idleDays - a.state.idleDays);
  }

  /** Owners' names of an item, for reading. */
  names(owners: Owner[] | undefined, lang: Lang): string {
    return this.ownerNames(owners ?? [], lang);
  }

  private invalid(text: string, lang: Lang): Reply {
    return reply({ kind: 'invalid', lang, ephemeral: true, text: [text] });
  }
}
