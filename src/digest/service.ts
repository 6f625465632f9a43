/** The digest for a channel and a day: its window, its content, and channel subscriptions. */
import { parseChannel } from '../chat/ids.js';
import { TEXT } from '../chat/texts.js';
import type { Channel } from '../chat/types.js';
import { type Lang, type Reply, reply } from '../chat/types.js';
import type { Config } from '../config.js';
import type { FollowUp } from '../followup/service.js';
import { Standings } from '../progress/standing.js';
import type { English } from '../report/english.js';
import type { Item, Report } from '../report/types.js';
import type { Store } from '../store/types.js';
import { localDate, startOfLocalDay } from '../time.js';
import { buildDigest } from './build.js';
import { renderDigest } from './render.js';

const DAY = 86400000;
/** How many lines of a progress list fit a phone's screen with the question above them. */
const PHONE_LIST = 5;

/** The progress questions answered with a list. */
export type ProgressListIntent = 'behind' | 'met' | 'no-update';

export type DigestConfig = Pick<
  Config,
  'DUBAN_TZ' | 'DUBAN_STALE_DAYS' | 'DUBAN_PLAN_START' | 'DUBAN_PLAN_END' | 'DUBAN_DIGEST_CHANNELS'
>;

export interface Composed {
  replies: Reply[];
  /** Nothing was updated in the window. */
  empty: boolean;
  /** Where this digest's window ends (ISO); the next one starts there. */
  coveredTo: string;
}

export class DigestService {
  readonly standings: Standings;
  /** Owners and reminders, when 督办 is plugged in: the digest names owners and lists items stale after a reminder. */
  followUp?: FollowUp;

  constructor(
    private readonly reports: Report[],
    private readonly store: Store,
    private readonly config: DigestConfig,
    private readonly now: () => Date = () => new Date(),
    /** Item titles in plain English for English progress lists, where they read whole. */
    private readonly english?: English,
  ) {
    this.standings = new Standings(
      store.progress,
      {
        tz: config.DUBAN_TZ,
        staleDays: config.DUBAN_STALE_DAYS,
        planStart: config.DUBAN_PLAN_START,
        planEnd: config.DUBAN_PLAN_END,
      },
      now,
    );
  }

  /** Today in the configured time zone. */
  today(): string {
    return localDate(this.now(), this.config.DUBAN_TZ);
  }

  /**
   * The digest of a local date. Its window runs from where the channel's previous digest
   * stopped (or 24 hours before) to now, or to the end of that date if it is past.
   */
  async compose(date: string, channel?: Channel, lang: Lang = 'zh'): Promise<Composed> {
    const tz = this.config.DUBAN_TZ;
    const to = new Date(Math.min(this.now().getTime(), startOfLocalDay(date, tz).getTime() + DAY));
    const previous = channel && (await this.store.digest.previousCoveredTo(channel, date));
    const from = previous ? new Date(previous) : new Date(to.getTime() - DAY);
    const followUp = this.followUp && {
      owners: await this.followUp.ownersByItem(),
      escalated: await this.followUp.escalated(to),
    };
    const digests = await Promise.all(
      this.reports.map((r) => buildDigest(r, this.store.progress, this.standings, date, from, to, followUp)),
    );
    return {
      replies: digests.map((d) => renderDigest(d, tz, this.config.DUBAN_STALE_DAYS, lang)),
      empty: digests.every((d) => !d.updates.length),
      coveredTo: to.toISOString(),
    };
  }

  /**
   * "What is behind?", "which targets are met?", "what has no update yet?", answered from the
   * same figures as the digest, as of now. A phone shows the first few (worst first) and the
   * command that lists them `all`; each item is cited once.
   */
  async progressAnswer(intent: ProgressListIntent, lang: Lang, all = false): Promise<Reply> {
    const tz = this.config.DUBAN_TZ;
    // As of now, a record made this very instant included (windows end before `to`).
    const to = new Date(this.now().getTime() + 1);
    const rows: { reportId: string; item: Item; line: string; rank: number }[] = [];
    for (const report of this.reports) {
      const standing = await this.standings.report(report, to);
      const named = this.reports.length > 1 ? `${report.id}:` : '';
      const row = (item: Item, line: string, rank = 0) => rows.push({ reportId: report.id, item, line, rank });
      const title = (item: Item) => (lang === 'en' && this.english?.title(item.title)) || item.title;
      const items = standing.sections.flatMap((s) => s.items);
      if (intent === 'behind') {
        // How far behind its report's pace, so that two reports' lists merge worst first.
        for (const { item, target: t } of standing.behind) {
          const pace = TEXT.pace[lang](t.percent, standing.expected);
          row(
            item.item,
            `• ${named}${t.target.id} ${title(item.item)}${TEXT.colon[lang]}${pace}`,
            standing.expected - t.percent,
          );
        }
      } else if (intent === 'no-update') {
        for (const i of items.filter((x) => !x.lastUpdate)) row(i.item, `• ${named}${i.item.id} ${title(i.item)}`);
      } else {
        // The newest met first: what a reader has not seen yet.
        for (const i of items)
          for (const t of i.targets.filter((x) => x.met))
            row(
              i.item,
              `• ${named}${t.target.id} ${title(i.item)}${TEXT.paren[lang](`${t.userName}${TEXT.comma[lang]}${localDate(t.at!, tz)}`)}`,
              Date.parse(t.at!),
            );
      }
    }
    rows.sort((a, b) => b.rank - a.rank);
    const shown = all ? rows : rows.slice(0, PHONE_LIST);
    const head = { behind: TEXT.behindList, met: TEXT.metList, 'no-update': TEXT.noUpdateList }[intent][lang](
      rows.length,
    );
    const rest = rows.length - shown.length;
    const text = rows.length
      ? [
          head[0]!,
          ...shown.map((r) => r.line),
          ...(rest ? [TEXT.moreListed[lang](rest, TEXT.listAll[lang](intent))] : []),
        ]
      : [head[1]!];
    const cited = new Map(shown.map((r) => [`${r.reportId}:${r.item.id}`, r]));
    const citations = [...cited.values()].map((r) => ({
      reportId: r.reportId,
      id: r.item.id,
      title: r.item.title,
      quote: '',
    }));
    return reply({ kind: 'answer', lang, text: [text.join('\n')], citations });
  }

  /** Every channel that gets the digest: subscribed in chat, or listed in DUBAN_DIGEST_CHANNELS. */
  async channels(): Promise<Channel[]> {
    const fromConfig = this.config.DUBAN_DIGEST_CHANNELS.flatMap((entry) => parseChannel(entry) ?? []);
    const all = [...fromConfig, ...(await this.store.digest.subscriptions())];
    return all.filter((c, i) => all.findIndex((d) => d.platform === c.platform && d.channelId === c.channelId) === i);
  }

  /** `订阅` / `取消订阅` in a channel. */
  async subscribe(on: boolean, channel: Channel, by: string, lang: Lang): Promise<Reply> {
    if (!channel.channelId) return reply({ kind: 'invalid', lang, ephemeral: true, text: [TEXT.subscribeWhere[lang]] });
    const changed = await this.store.digest.setSubscribed(channel, on, by);
    const text = (
      on ? (changed ? TEXT.subscribed : TEXT.alreadySubscribed) : changed ? TEXT.unsubscribed : TEXT.notSubscribed
    )[lang];
    return reply({ kind: 'recorded', lang, text: [text] });
  }
}
