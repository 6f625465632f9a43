/** Open the whole core from the configuration: store, answerer, bot (and the digest parts). */
import { openAnswerer } from '../answer/open.js';
import type { Config } from '../config.js';
import { openStore, type Store } from '../store/index.js';
import { Bot } from './bot.js';

export interface Core {
  bot: Bot;
  store: Store;
  close(): void;
}

export async function openCore(config: Config, opts: { now?: () => Date } = {}): Promise<Core> {
  let terms: ((text: string) => string[]) | undefined;
  const store = openStore(config.DUBAN_DATA_DIR, { terms: (t) => terms?.(t) ?? [], now: opts.now });
  const answerer = await openAnswerer(config, store.progress);
  terms = (t) => answerer.index.terms(t);
  const bot = new Bot(config, answerer, store);
  return { bot, store, close: () => store.close() };
}
