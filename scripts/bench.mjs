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

/** `count` progress records in one unit of work, spread over the items, sent at `at(i)` when given. */
async function seedRecords(core, count, notes, at) {
  const items = core.bot.answerer.reports[0].sections.flatMap((s) => s.items);
  await core.store.transaction(async (tx) => {
    for (let i = 0; i < count; i++) {
      const item = items[i % items.length];
      const target = item.targets.find((x) => x.kind === 'quantity');
      const note = `${notes[i % notes.length]}${i}`;
      await tx.progress.add(
        {
          reportId: 'cixi-2015',
          itemId: item.id,
          targetId: target?.id ?? null,
          value: target ? (i % 20) + 1 : null,
          kind: 'update',
          note,
          rawText: `进展 ${item.id} ${note}`,
          createdAt: at?.(i),
        },
        { platform: 'bench', userId: `u${i % 40}`, userName: `用户${i % 40}`, channelId: 'C' },
      );
    }
  });
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

const walls = [];
const rss = [];
for (let i = 0; i < 7; i++) {
  const q = questions[i % questions.length].q;
  t = performance.now();
  const r = spawnSync(
    process.execPath,
    ['--require', join(root, 'scripts/rss-at-exit.cjs'), join(root, 'bin/duban.js'), 'ask', '--json', q],
    { env: { ...process.env, DUBAN_DATA_DIR: dataDir }, encoding: 'utf8' },
  );
  walls.push(performance.now() - t);
  if (r.status !== 0) throw new Error(r.stderr);
  rss.push(Number(/maxrss_kb=(\d+)/.exec(r.stderr)?.[1] ?? 0) / 1024);
}
console.log(
  `cold \`node bin/duban.js ask\`: median ${ms(pct(walls, 50))}, max ${ms(Math.max(...walls))} wall ` +
    `(${walls.length} runs); peak memory ${Math.max(...rss).toFixed(0)} MiB`,
);

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

// Scale: the same status, ask and digest on an empty store and with 100,000 records (a year of a
// city's updates, all sent on the day of the digest), side by side; on SQLite, then on PostgreSQL
// (a throw-away local server with fsync on, when the machine has PostgreSQL's binaries).
{
  const { openCore } = await import(join(root, 'dist/bot/open.js'));
  const scale = async (records, env = {}) => {
    const dir = mkdtempSync(join(tmpdir(), 'duban-bench-scale-'));
    const now = new Date('2015-07-01T08:00:00Z');
    const core = await openCore(loadConfig({ DUBAN_DATA_DIR: dir, ...env }), { now: () => now });
    const items = core.bot.answerer.reports[0].sections.flatMap((s) => s.items);
    const t0 = performance.now();
    await seedRecords(core, records, ['第', '次'], (i) =>
      new Date(now.getTime() - 3600000 + (i % 3600000)).toISOString(),
    );
    const insert = performance.now() - t0;
    const status = [];
    const asks = [];
    for (let i = 0; i < 200; i++) {
      let t1 = performance.now();
      await core.bot.handle({
        platform: 'bench',
        userId: 'u',
        channelId: 'C',
        text: `状态 ${items[i % items.length].id}`,
      });
      status.push(performance.now() - t1);
      t1 = performance.now();
      await core.bot.answerer.ask(questions[i % questions.length].q);
      asks.push(performance.now() - t1);
    }
    const t2 = performance.now();
    await core.digest.compose('2015-07-01');
    const digest = performance.now() - t2;
    await core.close();
    rmSync(dir, { recursive: true, force: true });
    return { insert, status, asks, digest };
  };
  const row = (name, a, b) => `${name}: ${ms(a)} → ${ms(b)} (${(b / a).toFixed(1)}×)`;
  const report = (store, empty, full) => {
    console.log(`scale on ${store}, empty store → 100,000 records (inserted in ${ms(full.insert)}):`);
    console.log(
      `  ${row('status p50', pct(empty.status, 50), pct(full.status, 50))}; ${row('p95', pct(empty.status, 95), pct(full.status, 95))}`,
    );
    console.log(
      `  ${row('warm ask p50', pct(empty.asks, 50), pct(full.asks, 50))}; ${row('p95', pct(empty.asks, 95), pct(full.asks, 95))}`,
    );
    console.log(`  ${row('digest of a day with every record in it', empty.digest, full.digest)}`);
  };
  report('SQLite', await scale(0), await scale(100000));
  const { postgresBin, startPostgres } = await import('./postgres.mjs');
  if (postgresBin()) {
    const server = await startPostgres({ durable: true });
    try {
      const on = async (records) => scale(records, { DUBAN_DATABASE_URL: await server.database() });
      report('PostgreSQL', await on(0), await on(100000));
    } finally {
      server.stop();
    }
  } else {
    console.log('scale on PostgreSQL: skipped (no PostgreSQL binaries; see .ci/run)');
  }
}

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
