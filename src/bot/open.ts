/** Open the whole core from the configuration: store, answerer, bot (and the digest parts). */
import { openAnswerer } from '../answer/open.js';
import type { Config } from '../config.js';
import { openStore, type Store } from '../store/index.js';
import { DigestService } from '../digest/service.js';
import { Bot } from './bot.js';

export interface Core {
  bot: Bot;
  store: Store;
  digest: DigestService;
  close(): void;
}

export async function openCore(config: Config, opts: { now?: () => Date } = {}): Promise<Core> {
  let terms: ((text: string) => string[]) | undefined;
  const store = openStore(config.DUBAN_DATA_DIR, { terms: (t) => terms?.(t) ?? [], now: opts.now });
  const answerer = await openAnswerer(config, store.progress);
  terms = (t) => answerer.index.terms(t);
  const digest = new DigestService(answerer.reports, store, config, opts.now);
  const bot = new Bot(config, answerer, store, {
    digest: (lang, channel) => {
      const [first, ...rest] = digest.compose(digest.today(), channel, lang).replies;
      return { ...first!, text: [...first!.text, ...rest.flatMap((r) => r.text)] };
    },
    subscribe: (on, channel, by, lang) => digest.subscribe(on, channel, by, lang),
    progress: (intent, lang) => digest.progressAnswer(intent, lang),
  });
  return { bot, store, digest, close: () => store.close() };
}
