#!/usr/bin/env node
// duban benchmark: warm in-process ask latency, cold `duban ask` wall time, peak memory, and a
// stock Orama (mandarin tokenizer) index on the same questions as a baseline. Prints figures;
// asserts nothing. Run after `npm run build` (npm install does it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const { loadConfig } = await import(join(root, 'dist/config.js'));
const { openAnswerer } = await import(join(root, 'dist/answer/open.js'));

const questionFiles = [resolve(root, '../shared/eval/dev-questions.jsonl'), resolve(root, 'test/fixtures/more-questions.jsonl')];
const questions = questionFiles.flatMap((f) => {
  try {
    return readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  } catch {
    return [];
  }
});
const dataDir = mkdtempSync(join(tmpdir(), 'duban-bench-'));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x) => `${x.toFixed(2)} ms`;

async function warmLatency(answerer, rounds = 20) {
  for (const q of questions) await answerer.ask(q.q); // warm up
  const times = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) {
      const t = performance.now();
      await answerer.ask(q.q);
      times.push(performance.now() - t);
    }
  }
  return times;
}

function hitAt1(answers) {
  const positives = questions.filter((q) => !q.negative);
  return positives.filter((q, i) => q.gold.includes(answers[i])).length / positives.length;
}

const config = loadConfig({ DUBAN_DATA_DIR: dataDir });
let t = performance.now();
const answerer = await openAnswerer(config);
const buildMs = performance.now() - t;
const warm = await warmLatency(answerer);
console.log(`duban bench — ${questions.length} questions`);
console.log(`index build (first start): ${ms(buildMs)}`);
console.log(`warm ask: p50 ${ms(pct(warm, 50))}, p95 ${ms(pct(warm, 95))}, max ${ms(Math.max(...warm))} (${warm.length} asks)`);

const walls = [];
for (let i = 0; i < 7; i++) {
  const q = questions[i % questions.length].q;
  t = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin/duban.js'), 'ask', '--json', q], { env: { ...process.env, DUBAN_DATA_DIR: dataDir }, encoding: 'utf8' });
  walls.push(performance.now() - t);
  if (r.status !== 0) throw new Error(r.stderr);
}
console.log(`cold \`node bin/duban.js ask\`: median ${ms(pct(walls, 50))}, max ${ms(Math.max(...walls))} wall (${walls.length} runs)`);


const positives = questions.filter((q) => !q.negative);
const ours = [];
for (const q of positives) ours.push((await answerer.ask(q.q)).citations[0]?.id);
console.log(`duban hit@1 on these questions: ${(hitAt1(ours) * 100).toFixed(1)}%`);

const { create, insertMultiple, search } = await import('@orama/orama');
const { createTokenizer } = await import('@orama/tokenizers/mandarin');
const db = create({ schema: { ref: 'string', title: 'string', text: 'string' }, components: { tokenizer: createTokenizer() } });
await insertMultiple(db, answerer.index.docs.map((d) => ({ ref: d.ref, title: d.title, text: d.text })));
const oramaTop = [];
const oramaTimes = [];
for (let r = 0; r < 5; r++) {
  for (const q of positives) {
    t = performance.now();
    const res = await search(db, { term: q.q, properties: ['title', 'text'], limit: 3 });
    oramaTimes.push(performance.now() - t);
    if (r === 0) oramaTop.push(res.hits[0]?.document.ref);
  }
}
console.log(`baseline @orama/orama + mandarin tokenizer: hit@1 ${(hitAt1(oramaTop) * 100).toFixed(1)}%, p50 ${ms(pct(oramaTimes, 50))}, p95 ${ms(pct(oramaTimes, 95))}`);
console.log(`peak memory (this process): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
rmSync(dataDir, { recursive: true, force: true });
