/** Open the whole core from the configuration: store, answerer, bot, the digest — and the port adapters talk to. */
import { openAnswerPath } from '../answer/open.js';
import type { Sender } from '../chat/types.js';
import type { Config } from '../config.js';
import { dashboardLink } from '../dashboard-link.js';
import { DigestService } from '../digest/service.js';
import { FollowUp } from '../followup/service.js';
import { PeriodicService } from '../periodic/service.js';
import type { Store } from '../store/types.js';
import { Bot } from './bot.js';
import type { ChatPort } from './port.js';

export interface Core {
  bot: Bot;
  store: Store;
  digest: DigestService;
  periodic: PeriodicService;
  /** DUBAN_DATA_DIR: where the console and the CLI keep a file a reply carries. */
  dataDir: string;
  followUp: FollowUp;
  /** How to send to each running platform (digests, reminders); `start` fills it as platforms start. */
  senders: Record<string, Sender>;
  /** What a platform adapter gets: the bot's door and the adapters' own state, nothing more. */
  port(log: (line: string) => void): ChatPort;
  close(): Promise<void>;
}

export async function openCore(
  config: Config,
  /** `verify`: see StoreOptions. */
  opts: { now?: () => Date; verify?: boolean } = {},
): Promise<Core> {
  const { answerer, store } = await openAnswerPath(config, { now: opts.now, verify: opts.verify });
  const senders: Record<string, Sender> = {};
  const digest = new DigestService(answerer.reports, store, config, opts.now, answerer.english);
  const periodic = new PeriodicService(answerer.reports, store, config, digest.standings, opts.now);
  const followUp = new FollowUp(
    answerer.reports,
    store,
    digest.standings,
    {
      tz: config.DUBAN_TZ,
      staleDays: config.DUBAN_STALE_DAYS,
      planStart: config.DUBAN_PLAN_START,
      planEnd: config.DUBAN_PLAN_END,
    },
    senders,
    opts.now,
  );
  digest.followUp = followUp;
  const bot = new Bot(
    config,
    answerer,
    store,
    digest.standings,
    {
      digest: async (lang, channel) => {
        const [first, ...rest] = (await digest.compose(digest.today(), channel, lang)).replies;
        return { ...first!, text: [...first!.text, ...rest.flatMap((r) => r.text)] };
      },
      subscribe: (on, channel, by, lang) => digest.subscribe(on, channel, by, lang),
      progress: (intent, lang, all) => digest.progressAnswer(intent, lang, all),
      periodic,
      followUp,
      dashboard: () => dashboardLink(config, opts.now?.() ?? new Date()),
    },
    opts.now,
  );
  return {
    bot,
    store,
    digest,
    periodic,
    dataDir: config.DUBAN_DATA_DIR,
    followUp,
    senders,
    port: (log) => ({
      handle: (message) => bot.handle(message),
      threads: store.threads,
      sends: store.sends,
      tz: config.DUBAN_TZ,
      dataDir: config.DUBAN_DATA_DIR,
      log,
    }),
    close: () => store.close(),
  };
}
