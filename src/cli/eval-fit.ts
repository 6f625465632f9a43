/**
 * `duban eval --fit`: the answerability model fitted on the tuning parts of the labelled sets,
 * as asked and wrapped in noise, and kept in data/answerability.json.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { type Features, fitWeights, probability } from '../answer/answerability.js';
import type { Answerer } from '../answer/answerer.js';
import { MODEL_FILE } from '../answer/open.js';
import type { Lang } from '../chat/types.js';
import { heldOut, noisy, type Question, seeded } from './eval-sets.js';

/** Share of the unanswerable tuning questions that must fall below "found". */
const NEGATIVES_BELOW = 0.92;

/** Folds of the tuning questions for choosing the thresholds on answers the weights were not fitted on. */
const FOLDS = 5;

/**
 * Fit the answerability model on the tuning parts, as asked and wrapped in noise, and keep it in
 * data/. The weights are fitted on every tuning question; the thresholds are chosen on
 * cross-validated probabilities (each question scored by weights fitted without it), so that they
 * hold for questions the weights never saw — a threshold chosen on the fitted rows themselves
 * lets through more unanswerable questions on new ones than it did on those.
 */
export async function fitModel(answerer: Answerer, sets: { file: string; questions: Question[] }[]): Promise<string> {
  const rows: { f: Features; y: 0 | 1; lang: Lang; fold: number }[] = [];
  for (const { file, questions } of sets) {
    // Regression sets' answerable questions were written from the report's own words: too easy to
    // teach the gate how staff ask. Their unanswerable ones still teach it what to refuse.
    const regression = /^regression/i.test(basename(file));
    const rand = seeded(7);
    for (const q of questions) {
      if (heldOut(file, q.q) || (regression && !q.negative)) continue;
      // A question and its noisy variant stay in one fold.
      const fold = createHash('sha256').update(q.q).digest()[1]! % FOLDS;
      for (const text of [q.q, noisy(q, rand)]) {
        const j = await answerer.judge(text);
        if (!j.hits.length) continue;
        // Only questions whose best passage is right, or that nothing answers, teach the gate.
        if (q.negative) rows.push({ f: j.features, y: 0, lang: q.lang, fold });
        else if (q.gold.includes(j.hits[0]!.doc.ref)) rows.push({ f: j.features, y: 1, lang: q.lang, fold });
      }
    }
  }
  const model = fitWeights(rows);
  const scored = Array.from({ length: FOLDS }, (_, k) => {
    const without = fitWeights(rows.filter((r) => r.fold !== k));
    return rows.filter((r) => r.fold === k).map((r) => ({ ...r, p: probability(without, r.f) }));
  }).flat();
  // "Found" for each language on a grid of 0.05: the pair that lets through the most answerable
  // tuning questions while nearly all unanswerable ones, both languages together, stay below it
  // (the target counts them together; a language's own few would make its step jump); "closest"
  // a step of 0.1 under that.
  const negatives = scored.filter((r) => r.y === 0);
  const grid = Array.from({ length: 13 }, (_, i) => Math.round((0.3 + i * 0.05) * 100) / 100);
  let found = { zh: 0.9, en: 0.9 };
  let best = -1;
  for (const zh of grid) {
    for (const en of grid) {
      const at = (r: (typeof scored)[number]) => r.p >= (r.lang === 'zh' ? zh : en);
      if (negatives.filter((r) => !at(r)).length < NEGATIVES_BELOW * negatives.length) continue;
      const accepted = scored.filter((r) => r.y === 1 && at(r)).length;
      if (accepted > best) [best, found] = [accepted, { zh, en }];
    }
  }
  const closest = { zh: Math.round((found.zh - 0.1) * 100) / 100, en: Math.round((found.en - 0.1) * 100) / 100 };
  writeFileSync(MODEL_FILE, `${JSON.stringify({ ...model, found, closest })}\n`);
  return `fitted on ${rows.length} questions (${rows.filter((r) => r.y === 1).length} answerable), thresholds chosen over ${FOLDS} folds: ${MODEL_FILE}`;
}
