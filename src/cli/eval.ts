/**
 * `duban eval [--file F] [--json]`: score the answers on a set of questions with known items
 * (hit@1, hit@3, required strings, negatives answered as not found), by language. Exits 1 when
 * a score is below its target, so CI catches a drop.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openAnswerer } from '../answer/open.js';
import { plain } from '../answer/types.js';
import { loadConfig, PROJECT_ROOT } from '../config.js';

const Question = z.object({
  q: z.string().min(1),
  lang: z.enum(['zh', 'en']),
  gold: z.array(z.string()),
  must_any: z.array(z.string()).optional(),
  negative: z.boolean().optional(),
});

/** The targets the scores must meet. */
export const TARGETS = { hit1_zh: 0.95, hit1_en: 0.9, negatives: 1, must: 0.9 };

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { file: { type: 'string' }, json: { type: 'boolean' }, verbose: { type: 'boolean', short: 'v' } } });
  const file = resolve(values.file ?? process.env.DUBAN_EVAL_FILE ?? resolve(PROJECT_ROOT, '../shared/eval/dev-questions.jsonl'));
  const questions = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = Question.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]!.message}`);
      return parsed.data;
    });
  const answerer = await openAnswerer({ ...loadConfig(), DUBAN_LLM_BASE_URL: undefined, DUBAN_LLM_MODEL: undefined });
  const tally = { zh: { n: 0, hit1: 0, hit3: 0 }, en: { n: 0, hit1: 0, hit3: 0 }, neg: { n: 0, ok: 0 }, must: { n: 0, ok: 0 } };
  const misses: string[] = [];
  for (const q of questions) {
    const a = await answerer.ask(q.q);
    const ranked = [...a.citations, ...a.suggestions].map((c) => c.id);
    if (q.negative) {
      tally.neg.n++;
      if (!a.found) tally.neg.ok++;
      else misses.push(`negative answered: ${q.q} → ${ranked[0]}`);
      continue;
    }
    const t = tally[q.lang];
    t.n++;
    const hit1 = a.found && q.gold.includes(ranked[0] ?? '');
    if (hit1) t.hit1++;
    if (ranked.slice(0, 3).some((id) => q.gold.includes(id))) t.hit3++;
    if (!hit1) misses.push(`miss: ${q.q} → ${a.found ? ranked[0] : 'not found'} (gold ${q.gold.join(',')})`);
    if (q.must_any) {
      tally.must.n++;
      if (q.must_any.some((m) => plain(a.text).includes(m))) tally.must.ok++;
      else misses.push(`required string missing: ${q.q} (one of ${q.must_any.join(', ')})`);
    }
  }
  const share = (a: number, n: number) => (n ? a / n : 1);
  const scores = {
    questions: questions.length,
    hit1_zh: share(tally.zh.hit1, tally.zh.n),
    hit3_zh: share(tally.zh.hit3, tally.zh.n),
    hit1_en: share(tally.en.hit1, tally.en.n),
    hit3_en: share(tally.en.hit3, tally.en.n),
    negatives: share(tally.neg.ok, tally.neg.n),
    must: share(tally.must.ok, tally.must.n),
  };
  const failed = (Object.keys(TARGETS) as (keyof typeof TARGETS)[]).filter((k) => scores[k] < TARGETS[k]);
  if (values.json) process.stdout.write(`${JSON.stringify({ ...scores, failed })}\n`);
  else {
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    process.stdout.write(
      [
        `duban eval — ${questions.length} questions from ${file}`,
        `  Chinese  hit@1 ${pct(scores.hit1_zh)}  hit@3 ${pct(scores.hit3_zh)}  (${tally.zh.n} questions, target hit@1 ≥ ${pct(TARGETS.hit1_zh)})`,
        `  English  hit@1 ${pct(scores.hit1_en)}  hit@3 ${pct(scores.hit3_en)}  (${tally.en.n} questions, target hit@1 ≥ ${pct(TARGETS.hit1_en)})`,
        `  not in the report, answered as not found: ${pct(scores.negatives)} (${tally.neg.n} questions, target 100%)`,
        `  required strings present: ${pct(scores.must)} (${tally.must.n} answers, target ≥ ${pct(TARGETS.must)})`,
        ...(values.verbose || failed.length ? misses.map((m) => `  - ${m}`) : []),
        failed.length ? `BELOW TARGET: ${failed.join(', ')}` : 'all targets met',
        '',
      ].join('\n'),
    );
  }
  return failed.length ? 1 : 0;
}
