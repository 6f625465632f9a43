/**
 * `duban eval [--file F]… [--kinds] [--verbose] [--json] [--fit] [--check]`: score the offline
 * answers on labelled question sets — hit@1 and hit@3 by language; one tap (answered right, or
 * asked back with the right item among the choices) by language; confidently wrong (found, wrong
 * item) of answerable questions; unanswerable questions answered found; required strings; and
 * precision and recall of "not found" — each question asked as written and again wrapped in
 * chat noise. Every set is split into a tuning part and a held-out part (a set whose file name
 * says `heldout` is held out whole); the two are reported side by side, and `--fit` fits the
 * answerability model on the tuning parts only. `--check` exits 1 when a held-out score is
 * below its target or a share above its ceiling. `--verbose` lists the misses of tuning parts only: held-out questions are
 * not to be read while tuning. Beside duban's Chinese hit@1 stands a stock full-text search's (Orama with
 * its Mandarin tokenizer) on the same questions.
 */

import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Answerer } from '../answer/answerer.js';
import { openAnswerer } from '../answer/open.js';
import { plain } from '../answer/types.js';
import { loadConfig } from '../config.js';
import { type Baseline, oramaBaseline } from './baseline.js';
import { fitModel } from './eval-fit.js';
import { defaultFiles, heldOut, noisy, type Question, readSet, SetError, seeded } from './eval-sets.js';

/** The targets held-out scores must meet with `--check`: issue 24's (hit@1 and one tap), and the earlier two. */
export const TARGETS = {
  hit1_zh: 0.9,
  hit1_en: 0.88,
  oneTap_zh: 0.97,
  oneTap_en: 0.97,
  must: 0.9,
  notFoundRecall: 0.9,
};

/** The shares held-out scores must stay at or under with `--check` (issue 24). */
export const CEILINGS = { confidentlyWrong: 0.02, unanswerableFound: 0.05 };

interface Tally {
  n: { zh: number; en: number };
  hit1: { zh: number; en: number };
  hit3: { zh: number; en: number };
  /** One tap: answered right, or asked back with the right item among the choices. */
  tap: { zh: number; en: number };
  /** Answerable questions answered found with the wrong item. */
  wrong: number;
  must: [number, number];
  /** Unanswerable questions, and those answered not found. */
  neg: [number, number];
  /** Unanswerable questions answered found. */
  negFound: number;
  /** Answered not found, and of those truly unanswerable. */
  notFound: [number, number];
  /** The stock full-text search's best hit right, by language. */
  base: { zh: number; en: number };
}

const empty = (): Tally => ({
  n: { zh: 0, en: 0 },
  hit1: { zh: 0, en: 0 },
  hit3: { zh: 0, en: 0 },
  tap: { zh: 0, en: 0 },
  wrong: 0,
  must: [0, 0],
  neg: [0, 0],
  negFound: 0,
  notFound: [0, 0],
  base: { zh: 0, en: 0 },
});

/** Ask a question once and count the answer in every tally given; misses are noted once. */
async function score(
  answerer: Answerer,
  q: Question,
  text: string,
  tallies: Tally[],
  misses: string[],
  baseline?: Baseline,
): Promise<void> {
  const a = await answerer.ask(text);
  const baseHit = baseline && !q.negative && q.gold.includes((await baseline(text)) ?? '');
  const ranked = [...a.citations, ...a.suggestions, ...a.choices].map((c) => c.id);
  const hit1 = !q.negative && a.found && q.gold.includes(ranked[0] ?? '');
  const hit3 = ranked.slice(0, 3).some((id) => q.gold.includes(id));
  const tap = hit1 || (a.outcome === 'clarify' && a.choices.some((c) => q.gold.includes(c.id)));
  const must = q.must_any?.some((m) => plain(a.text).includes(m));
  for (const t of tallies) {
    if (baseHit) t.base[q.lang]++;
    if (a.outcome === 'not-found') {
      t.notFound[0]++;
      if (q.negative) t.notFound[1]++;
    }
    if (q.negative) {
      t.neg[0]++;
      if (a.outcome === 'not-found') t.neg[1]++;
      if (a.found) t.negFound++;
      continue;
    }
    t.n[q.lang]++;
    if (hit1) t.hit1[q.lang]++;
    if (hit3) t.hit3[q.lang]++;
    if (tap) t.tap[q.lang]++;
    if (a.found && !hit1) t.wrong++;
    if (q.must_any) {
      t.must[0]++;
      if (must) t.must[1]++;
    }
  }
  if (q.negative && a.outcome !== 'not-found') misses.push(`negative answered (${a.outcome}): ${text} → ${ranked[0]}`);
  if (!q.negative && !hit1)
    misses.push(
      `miss [${q.kind ?? ''}]: ${text} → ${a.outcome} ${ranked.slice(0, 3).join(',')} (gold ${q.gold.join(',')})`,
    );
  if (hit1 && q.must_any && !must) misses.push(`required string missing: ${text} (one of ${q.must_any.join(', ')})`);
}

const share = (a: number, n: number) => (n ? a / n : Number.NaN);
const pct = (x: number) => (Number.isNaN(x) ? '   –  ' : `${(x * 100).toFixed(1).padStart(5)}%`);

function scores(t: Tally) {
  return {
    hit1_zh: share(t.hit1.zh, t.n.zh),
    hit3_zh: share(t.hit3.zh, t.n.zh),
    hit1_en: share(t.hit1.en, t.n.en),
    hit3_en: share(t.hit3.en, t.n.en),
    oneTap_zh: share(t.tap.zh, t.n.zh),
    oneTap_en: share(t.tap.en, t.n.en),
    confidentlyWrong: share(t.wrong, t.n.zh + t.n.en),
    unanswerableFound: share(t.negFound, t.neg[0]),
    must: share(t.must[1], t.must[0]),
    notFoundRecall: share(t.neg[1], t.neg[0]),
    notFoundPrecision: share(t.notFound[1], t.notFound[0]),
    baseline_zh: share(t.base.zh, t.n.zh),
    baseline_en: share(t.base.en, t.n.en),
    questions: { zh: t.n.zh, en: t.n.en, negative: t.neg[0], must: t.must[0] },
  };
}

function row(label: string, t: Tally): string {
  const s = scores(t);
  return (
    `  ${label.padEnd(18)} zh hit@1 ${pct(s.hit1_zh)} hit@3 ${pct(s.hit3_zh)} orama ${pct(s.baseline_zh)} (${t.n.zh})` +
    `  en hit@1 ${pct(s.hit1_en)} hit@3 ${pct(s.hit3_en)} (${t.n.en})` +
    `  one tap zh ${pct(s.oneTap_zh)} en ${pct(s.oneTap_en)}  confidently wrong ${pct(s.confidentlyWrong)}` +
    `  unanswerable found ${pct(s.unanswerableFound)}` +
    `  required ${pct(s.must)} (${t.must[0]})` +
    `  not found: recall ${pct(s.notFoundRecall)} (${t.neg[0]}) precision ${pct(s.notFoundPrecision)}`
  );
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      file: { type: 'string', multiple: true },
      json: { type: 'boolean' },
      verbose: { type: 'boolean', short: 'v' },
      kinds: { type: 'boolean' },
      fit: { type: 'boolean' },
      check: { type: 'boolean' },
    },
  });
  const files =
    values.file?.map((f) => resolve(f)) ??
    (process.env.DUBAN_EVAL_FILE ? [resolve(process.env.DUBAN_EVAL_FILE)] : defaultFiles());
  let sets: { file: string; questions: Question[] }[];
  try {
    const missing = files.find((f) => !existsSync(f));
    if (missing) throw new SetError(`no question set at ${missing}`);
    if (!files.length) throw new SetError('no question sets: give one with --file');
    sets = files.map((file) => ({ file, questions: readSet(file) }));
  } catch (err) {
    if (!(err instanceof SetError)) throw err;
    process.stderr.write(`duban eval: ${err.message}\n`);
    return 2;
  }
  const answerer = await openAnswerer({ ...loadConfig(), DUBAN_LLM_BASE_URL: undefined, DUBAN_LLM_MODEL: undefined });
  const baseline = await oramaBaseline(answerer.index.docs);
  if (values.fit) {
    process.stdout.write(`${await fitModel(answerer, sets)}\n`);
    return 0;
  }
  const out: string[] = [];
  const report: Record<string, unknown> = {};
  const heldTotals = { clean: empty(), noisy: empty() };
  for (const { file, questions } of sets) {
    const parts = { tune: { clean: empty(), noisy: empty() }, held: { clean: empty(), noisy: empty() } };
    const byKind = new Map<string, { tune: Tally; held: Tally }>();
    const misses: string[] = [];
    const unread: string[] = [];
    const rand = seeded(7);
    for (const q of questions) {
      const part = heldOut(file, q.q) ? 'held' : 'tune';
      const kind = byKind.get(q.kind ?? '') ?? { tune: empty(), held: empty() };
      byKind.set(q.kind ?? '', kind);
      const held = part === 'held';
      const noted = held ? unread : misses;
      await score(
        answerer,
        q,
        q.q,
        [parts[part].clean, kind[part], ...(held ? [heldTotals.clean] : [])],
        noted,
        baseline,
      );
      await score(
        answerer,
        q,
        noisy(q, rand),
        [parts[part].noisy, ...(held ? [heldTotals.noisy] : [])],
        noted,
        baseline,
      );
    }
    report[file] = {
      tune: { clean: scores(parts.tune.clean), noisy: scores(parts.tune.noisy) },
      heldOut: { clean: scores(parts.held.clean), noisy: scores(parts.held.noisy) },
    };
    out.push(`${file} — ${questions.length} questions`);
    if (parts.tune.clean.n.zh + parts.tune.clean.n.en + parts.tune.clean.neg[0]) {
      out.push(row('tuning, as asked', parts.tune.clean), row('tuning, in chat', parts.tune.noisy));
    }
    out.push(row('held out, as asked', parts.held.clean), row('held out, in chat', parts.held.noisy));
    if (values.kinds && byKind.size > 1) {
      for (const [kind, k] of [...byKind].sort()) {
        const s = (t: Tally) =>
          t.neg[0]
            ? `not found ${pct(share(t.neg[1], t.neg[0]))}`
            : `hit@1 ${pct(share(t.hit1.zh + t.hit1.en, t.n.zh + t.n.en))} one tap ${pct(share(t.tap.zh + t.tap.en, t.n.zh + t.n.en))}`;
        const n = (t: Tally) => t.n.zh + t.n.en + t.neg[0];
        out.push(`    ${kind.padEnd(20)} tuning ${s(k.tune)} (${n(k.tune)})   held out ${s(k.held)} (${n(k.held)})`);
      }
    }
    if (values.verbose) out.push(...misses.map((m) => `    - ${m}`));
  }
  const held = { clean: scores(heldTotals.clean), noisy: scores(heldTotals.noisy) };
  const failed = (['clean', 'noisy'] as const).flatMap((v) => [
    ...(Object.keys(TARGETS) as (keyof typeof TARGETS)[])
      .filter((k) => held[v][k] < TARGETS[k])
      .map((k) => `${k} (${v})`),
    ...(Object.keys(CEILINGS) as (keyof typeof CEILINGS)[])
      .filter((k) => held[v][k] > CEILINGS[k])
      .map((k) => `${k} (${v})`),
  ]);
  out.push(row('ALL held out', heldTotals.clean), row('ALL held out, chat', heldTotals.noisy));
  if (!baseline) out.push('(the stock full-text baseline, @orama/orama, is not installed: its column is empty)');
  out.push(failed.length ? `below target on held-out questions: ${failed.join(', ')}` : 'held-out targets met');
  if (values.json) process.stdout.write(`${JSON.stringify({ sets: report, heldOut: held, failed })}\n`);
  else process.stdout.write(`${out.join('\n')}\n`);
  return values.check && failed.length ? 1 : 0;
}
