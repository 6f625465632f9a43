/**
 * Asking back: when the best passages are plausible but the bot is not sure which item is meant,
 * it offers two or three numbered choices instead of refusing. The rule uses what the
 * answerability model already computes (its probability, the best passage's coverage, the margin
 * between the top two) and was chosen on the tuning parts of the labelled sets: it turns refusals
 * whose best passages hold most of the question, with a second not far behind, into choices, while
 * questions the report plainly does not cover (another place or year, a detail or figure it does
 * not give, things it never names) stay "not found". A found answer is never asked back: a near tie
 * of the fused ranks is most often two rankers swapping the same two items, not doubt (asking back
 * on ties cost right answers such as "What is the employment target?" → 8.3).
 */
import { splitSentences } from '../report/text.js';
import type { Hit } from '../search/index.js';
import type { Features } from './answerability.js';
import { citation } from './extractive.js';
import type { Citation, Outcome } from './types.js';

/** Thresholds of the rule, chosen on the tuning parts (see the module header). */
export const CLARIFY = {
  /** Least probability, below "found", from which the best passages are plausible. */
  p: 0.1,
  /** Least share of the question the best passage must hold. */
  coverage: 0.4,
  /** Most share of the question in things the report never names (as much as sinks a figure). */
  unknownThing: 0.3,
  /** Most margin of the best passage's score over the second's (relative): at 0.5, the second scores half as much. */
  margin: 0.5,
  /** How many items are offered. */
  most: 3,
};

/** Longest one-line gist of a choice, in characters. */
const GIST_CHARS = 40;

/**
 * The items to offer when the answer is in doubt between them, best first; none when it is not
 * (then the outcome stands). `outcome` is the one the model's thresholds gave.
 */
export function clarifyChoices(outcome: Outcome, p: number, f: Features, hits: Hit[]): Citation[] {
  const plausible = hits.filter((h) => h.coverage > 0).slice(0, CLARIFY.most);
  const doubt =
    outcome !== 'found' &&
    plausible.length >= 2 &&
    p >= CLARIFY.p &&
    f.coverage >= CLARIFY.coverage &&
    f.margin < CLARIFY.margin &&
    f.unknownThing <= CLARIFY.unknownThing &&
    !(f.otherPlace || f.otherTime || f.detail || f.noFigure);
  return doubt ? plausible.map(choice) : [];
}

/** A choice: the item's id and title, and its first sentence after the title as a one-line gist. */
function choice(h: Hit): Citation {
  const first = splitSentences(h.doc.text)[1] ?? '';
  const gist = first.length > GIST_CHARS ? `${first.slice(0, GIST_CHARS)}…` : first;
  return citation(h.doc.reportId, h.doc.ref, h.doc.title, gist);
}

/** The numbered lines of the choices, as every platform shows them (buttons come on top where there are). */
export function choiceLines(choices: Citation[]): string[] {
  return choices.map((c, i) => `${i + 1}. ${c.id} ${c.title}${c.quote ? ` — ${c.quote}` : ''}`);
}
