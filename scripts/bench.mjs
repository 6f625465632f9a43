#!/usr/bin/env node
// duban benchmark: warm in-process ask latency, cold `duban ask` and the console's first prompt beside
// `node -e 0`, peak memory, and a stock Orama (mandarin tokenizer) index on the same questions as a
// baseline. Prints figures; asserts nothing. Run after `npm run build` (npm install does it).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const { loadConfig } = await import(join(root, 'dist/config.js'));
const { openAnswerer } = await import(join(root, 'dist/answer/open.js'));
const { seedRecords } = await import('./bench-seed.mjs');

const questionFiles = [
  resolve(root, '../shared/eval/dev-questions.jsonl'),
  resolve(root, 'eval/regression-more.jsonl'),
  resolve(root, 'eval/regression-by-item.jsonl'),
  resolve(root, 'eval/staff-a.jsonl'),
  resolve(root, 'eval/staff-b.heldout.jsonl'),
];
const questions = questionFiles.flatMap((f) => {
  try {
    return readFileSync(f, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
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
console.log(
  `warm ask: p50 ${ms(pct(warm, 50))}, p95 ${ms(pct(warm, 95))}, max ${ms(Math.max(...warm))} (${warm.length} asks)`,
);

// Cold `duban ask` and the console's first prompt, beside `node -e 0` in the same run (scripts/bench-startup.mjs).
spawnSync(process.execPath, [join(root, 'scripts/bench-startup.mjs'), dataDir], { stdio: 'inherit' });

// The same questions with 10,000 progress records in the store (they join the search).
{
  const { openCore } = await import(join(root, 'dist/bot/open.js'));
  const recDir = mkdtempSync(join(tmpdir(), 'duban-bench-records-'));
  const core = await openCore(loadConfig({ DUBAN_DATA_DIR: recDir }));
  const notes = [
    '已完成阶段性任务',
    '已引进领军人才及团队',
    '新增就业岗位',
    '节能改造项目推进中',
    '完成迁建前期工作',
    '走访企业解决困难问题',
  ];
  t = performance.now();
  await seedRecords(core, 10000, notes);
  const loadMs = performance.now() - t;
  const times = await warmLatency(core.bot.answerer, 5);
  console.log(
    `with 10,000 progress records (inserted in ${ms(loadMs)}): ` +
      `warm ask p50 ${ms(pct(times, 50))}, p95 ${ms(pct(times, 95))}`,
  );
  const chat = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    await core.bot.handle({
      platform: 'bench',
      userId: 'u1',
      userName: 'u1',
      channelId: 'C',
      text: i % 2 ? '状态 4.3' : '进展 4.3#1 +1',
      messageId: `b${i}`,
    });
    chat.push(performance.now() - t0);
  }
  console.log(
    `bot.handle (progress / status alternating, 10,000 records): p50 ${ms(pct(chat, 50))}, p95 ${ms(pct(chat, 95))}`,
  );
  await core.close();
  rmSync(recDir, { recursive: true, force: true });
}

// Scale: status, ask and the digest on an empty store beside 10,000, 100,000 and 1,000,000 records
// (a year of a city's updates and more, all sent on the day of the digest), each in its own process
// (scripts/bench-scale.mjs) so that its memory is its own, starting from the search index built above;
// then the same on PostgreSQL (a throw-away local server, fsync on), empty and at 100,000 records.
{
  const point = (records, env = {}) => {
    const r = spawnSync(
      process.execPath,
      [join(root, 'scripts/bench-scale.mjs'), String(records), join(dataDir, 'index')],
      { encoding: 'utf8', env: { ...process.env, ...env } },
    );
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout.trim().split('\n').pop());
  };
  const x = (a, b) => `${(b / a).toFixed(1)}×`;
  const emptyLine = (empty) =>
    `  empty: status p50/p95 ${ms(empty.status.p50)} / ${ms(empty.status.p95)}; ask ${ms(empty.ask.p50)} / ` +
    `${ms(empty.ask.p95)}; digest ${ms(empty.digestMs)} in process, \`duban digest\` ${ms(empty.digestCliMs)}; ` +
    `周报 ${ms(empty.weeklyMs)}; 月报 全部 ${ms(empty.monthlyMs)}; 导出 ${ms(empty.exportMs)}; ` +
    `/items/4.3 ${ms(empty.itemPageMs)}; ` +
    `RSS ${empty.rssMiB.toFixed(0)} MiB (peak ${empty.peakRssMiB.toFixed(0)})`;
  const fullLine = (empty, f) => {
    const insert =
      `${f.storeInserted.toLocaleString('en')} through the store in ${ms(f.storeInsertMs)}` +
      (f.bulkMs ? `, the rest copied in ${ms(f.bulkMs)}` : '');
    return (
      `  ${f.records.toLocaleString('en')} records (${insert}): ` +
      `status p50/p95 ${ms(f.status.p50)} / ${ms(f.status.p95)} (${x(empty.status.p95, f.status.p95)} at p95); ` +
      `ask ${ms(f.ask.p50)} / ${ms(f.ask.p95)} (${x(empty.ask.p95, f.ask.p95)}); ` +
      `digest ${ms(f.digestMs)} in process, \`duban digest\` ${ms(f.digestCliMs)} (${x(empty.digestCliMs, f.digestCliMs)}); ` +
      `周报 ${ms(f.weeklyMs)}; 月报 全部 ${ms(f.monthlyMs)}; 导出 ${ms(f.exportMs)}; ` +
      `/items/4.3 ${ms(f.itemPageMs)} (${f.itemPageKiB.toFixed(0)} KiB); ` +
      `RSS ${f.rssMiB.toFixed(0)} MiB (peak ${f.peakRssMiB.toFixed(0)})`
    );
  };
  const sizes = (process.env.BENCH_SCALE ?? '10000,100000,1000000').split(',').map(Number);
  const empty = point(0);
  console.log('scale on SQLite (each beside the empty store, measured in the same run):');
  console.log(emptyLine(empty));
  for (const n of sizes) console.log(fullLine(empty, point(n)));
  const { postgresBin, startPostgres } = await import('./postgres.mjs');
  if (postgresBin()) {
    const server = await startPostgres({ durable: true });
    try {
      const on = async (n) => point(n, { BENCH_DATABASE_URL: await server.database() });
      const pgEmpty = await on(0);
      console.log('scale on PostgreSQL (a local server):');
      console.log(emptyLine(pgEmpty));
      console.log(fullLine(pgEmpty, await on(100000)));
    } finally {
      server.stop();
    }
  } else {
    console.log('scale on PostgreSQL: skipped (no PostgreSQL binaries; see README)');
  }
}

// Slack: bursts of signed events against the real adapter beside a bare Bolt app (scripts/bench-slack.mjs).
spawnSync(process.execPath, [join(root, 'scripts/bench-slack.mjs'), join(dataDir, 'index')], { stdio: 'inherit' });

const positives = questions.filter((q) => !q.negative);
const ours = [];
for (const q of positives) ours.push((await answerer.ask(q.q)).citations[0]?.id);
console.log(`duban hit@1 on these questions: ${(hitAt1(ours) * 100).toFixed(1)}%`);

const { create, insertMultiple, search } = await import('@orama/orama');
const { createTokenizer } = await import('@orama/tokenizers/mandarin');
const db = create({
  schema: { ref: 'string', title: 'string', text: 'string' },
  components: { tokenizer: createTokenizer() },
});
await insertMultiple(
  db,
  answerer.index.docs.map((d) => ({ ref: d.ref, title: d.title, text: d.text })),
);
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
console.log(
  `baseline @orama/orama + mandarin tokenizer: hit@1 ${(hitAt1(oramaTop) * 100).toFixed(1)}%, ` +
    `p50 ${ms(pct(oramaTimes, 50))}, p95 ${ms(pct(oramaTimes, 95))}`,
);
console.log(`peak memory (this process): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
rmSync(dataDir, { recursive: true, force: true });

// The whole of `npm test` (build, lint, every test), beside a bare `node -e 0` taken at the same moment.
{
  const wall = (cmd, args) => {
    const t0 = performance.now();
    const { status } = spawnSync(cmd, args, { cwd: root, stdio: 'ignore' });
    return { ms: performance.now() - t0, ok: status === 0 };
  };
  const bare = wall(process.execPath, ['-e', '0']);
  const test = wall('npm', ['test']);
  console.log(
    `\`npm test\` wall: ${(test.ms / 1000).toFixed(1)} s${test.ok ? '' : ' (it failed)'}, ` +
      `beside \`node -e 0\` ${ms(bare.ms)}`,
  );
}
