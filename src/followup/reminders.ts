/**
 * Reminders: one per owner and week, sent as a direct message and claimed in the store before it
 * is sent (like the digest), an admin's reminder now, snoozes, and the items still stale a week
 * after a reminder, for the digest.
 */
import { said } from '../chat/markup.js';
import { TEXT } from '../chat/texts.js';
import { type Lang, type Reply, reply } from '../chat/types.js';
import type { ItemState } from '../progress/standing.js';
import { resolveRef } from '../report/refs.js';
import type { Report } from '../report/types.js';
import type { Actor, Owner, Repositories } from '../store/types.js';
import { localDate, startOfLocalDay } from '../time.js';
import { type Due, FollowUpBase, type Result } from './base.js';
import { directChannel } from './people.js';

const DAY = 86400000;

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

export abstract class Reminders extends FollowUpBase {
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

  protected async deliver(
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
      results.push(`${said(o.name)}${TEXT.remindOutcome[lang](r)}`);
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
}
