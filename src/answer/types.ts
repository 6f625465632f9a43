/** What an answer is, whatever wrote its prose. */

import { renderMarkup } from '../chat/markup.js';
import { PLAIN } from '../chat/render.js';
import type { Citation, Lang } from '../chat/types.js';
import type { ExtraList } from '../search/index.js';

export type { Citation } from '../chat/types.js';

import type { ProgressRepository } from '../store/types.js';

export type { TargetStanding } from '../store/types.js';

/** Latest progress, as the store knows it. Answers work without one. */
export interface ProgressLookup extends Pick<ProgressRepository, 'latestForItem' | 'latestNote'> {
  /** Items whose progress records match search terms, best first, with the records' words. */
  search(terms: string[]): Promise<ExtraList>;
}

/**
 * found: the passage answers it; clarify: two or three items are about as likely, and the asker
 * picks one; closest: the best passage, which may not answer exactly; not-found.
 */
export type Outcome = 'found' | 'clarify' | 'closest' | 'not-found';

export interface Answer {
  question: string;
  lang: Lang;
  /** True only when the outcome is found. */
  found: boolean;
  outcome: Outcome;
  /** The answer as text, with **bold** around targets. */
  text: string;
  /** Lines computed from the report and the store (targets, standing, source), kept under any prose. */
  facts: string[];
  /** Best first. */
  citations: Citation[];
  /** Items offered when the report does not answer ("the closest items are…"). */
  suggestions: Citation[];
  /** With clarify: the items offered, best first, each quoting a one-line gist. */
  choices: Citation[];
  /** Who wrote the prose. */
  source: 'extractive' | 'llm';
}

/** The answer's text without its markup (the **bold** markers, a person's escaped stars), for plain-text output. */
export function plain(text: string): string {
  return renderMarkup(text, PLAIN);
}
