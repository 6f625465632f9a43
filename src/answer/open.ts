/** Open the answer path from the configuration: reports, the search index, the answerer — and the store it reads progress from. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Config, llmConfigured, PROJECT_ROOT } from '../config.js';
import { English } from '../report/english.js';
import { loadReports } from '../report/parse.js';
import { SearchIndex } from '../search/index.js';
import { searchRecords } from '../search/records.js';
import { openConfiguredStore } from '../store/index.js';
import type { Store, StoreOptions } from '../store/types.js';
import { loadModel } from './answerability.js';
import { Answerer } from './answerer.js';
import type { ProgressLookup } from './types.js';

export const GLOSSARY_FILE = resolve(PROJECT_ROOT, 'data/glossary.tsv');
export const COLLOQUIAL_FILE = resolve(PROJECT_ROOT, 'data/colloquial.tsv');
/** The report's titles, metrics and milestones in plain English, for English answers only. */
export const ENGLISH_FILE = resolve(PROJECT_ROOT, 'data/english.tsv');
export const MODEL_FILE = resolve(PROJECT_ROOT, 'data/answerability.json');

/** Everything questions need. The LLM client is imported only when an endpoint is configured. */
export async function openAnswerer(config: Config, progress?: ProgressLookup): Promise<Answerer> {
  const reports = loadReports(config.DUBAN_REPORTS_DIR, config.DUBAN_CURRENT_REPORT);
  const index = SearchIndex.open(reports, config.DUBAN_DATA_DIR, GLOSSARY_FILE, COLLOQUIAL_FILE);
  const writer = llmConfigured(config)
    ? new (await import('./llm.js')).LlmWriter(config, { city: reports[0]!.city, report: reports[0]!.title })
    : undefined;
  const english = new English(readFileSync(ENGLISH_FILE, 'utf8'), {
    // The glossary is read on first need, by an English answer.
    whole: (phrase) => index.glosses.whole(phrase),
  });
  return new Answerer(reports, index, {
    progress,
    writer,
    tz: config.DUBAN_TZ,
    model: loadModel(MODEL_FILE),
    english,
  });
}

/**
 * The configured store and an answerer that shows its latest progress: all `duban ask` needs, without
 * the bot, digest and follow-up that `openCore` builds on top of it.
 */
export async function openAnswerPath(
  config: Config,
  opts: Pick<StoreOptions, 'now' | 'verify'> = {},
): Promise<{ answerer: Answerer; store: Store }> {
  let terms: ((text: string) => string[]) | undefined;
  const store = await openConfiguredStore(config, { terms: (t) => terms?.(t) ?? [], ...opts });
  const answerer = await openAnswerer(config, {
    latestForItem: (reportId, itemId) => store.progress.latestForItem(reportId, itemId),
    latestNote: (reportId, itemId) => store.progress.latestNote(reportId, itemId),
    search: (words) => searchRecords(store.progress, words),
  });
  terms = (t) => answerer.index.terms(t);
  return { answerer, store };
}
