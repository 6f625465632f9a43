/**
 * What the 督办 commands and the reminders share: the reports, the store and the standings, how an
 * item is found from its `report:item` key and written as a line, and which owned items are due
 * (stale, or behind the plan's pace).
 */
import { said } from '../chat/markup.js';
import { TEXT } from '../chat/texts.js';
import { type Lang, type Reply, reply, type Sender } from '../chat/types.js';
import {
  type ItemState,
  type PlanSettings,
  planPeriod,
  type Standings,
  type TargetState,
} from '../progress/standing.js';
import { formatStanding, refIn } from '../report/format.js';
import type { Item, Report, Target } from '../report/types.js';
import type { Owner, Store } from '../store/types.js';
import type { Person } from './people.js';

/** What a command's run gives back (the bot's Result). */
export interface Result {
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

/** The command that reports progress on a target or an item. */
export function reportCommand(id: string, target: Target | undefined, lang: Lang): string {
  if (target?.kind === 'milestone') return TEXT.doneCommand[lang](target.id);
  if (target) return TEXT.progressCommand[lang](target.id);
  return TEXT.noteCommand[lang](id);
}

export abstract class FollowUpBase {
  constructor(
    protected readonly reports: Report[],
    protected readonly store: Store,
    protected readonly standings: Standings,
    protected readonly settings: PlanSettings,
    /** Where direct messages go, by platform; filled as platforms start. */
    readonly senders: Record<string, Sender>,
    protected readonly now: () => Date = () => new Date(),
    protected readonly log: (line: string) => void = () => {},
  ) {}

  protected refOf(report: Report, id: string): string {
    return refIn(this.reports, report, id);
  }

  protected ownerNames(owners: Owner[], lang: Lang): string {
    return owners.length
      ? owners
          .map((o) => (o.targetId ? `${said(o.name)}${TEXT.paren[lang](o.targetId)}` : said(o.name)))
          .join(TEXT.listSep[lang])
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

  /** The command that reports a due item, as its owner would type it. */
  command(d: DueItem, lang: Lang): string {
    return reportCommand(this.refOf(d.report, d.item.id), d.ask, lang);
  }

  /** The report, section and item of a `report:item` key. */
  protected locate(key: string) {
    const report = this.reports.find((r) => key.startsWith(`${r.id}:`));
    const place = report && this.place(report, key.slice(report.id.length + 1));
    return report && place ? { report, ...place } : undefined;
  }

  protected place(report: Report, itemId: string) {
    for (const section of report.sections) {
      const item = section.items.find((i) => i.id === itemId);
      if (item) return { section, item };
    }
    return undefined;
  }

  protected itemLine(report: Report, state: ItemState, due: DueItem | undefined, lang: Lang): string {
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
  protected async dueItems(owned: Owner[], at: Date, snoozed: Map<string, string>): Promise<DueItem[]> {
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

  protected planEnd(report: Report): number {
    return planPeriod(report, this.settings).end.getTime();
  }

  /** Owners' names of an item, for reading. */
  names(owners: Owner[] | undefined, lang: Lang): string {
    return this.ownerNames(owners ?? [], lang);
  }

  protected invalid(text: string, lang: Lang): Reply {
    return reply({ kind: 'invalid', lang, ephemeral: true, text: [text] });
  }
}
