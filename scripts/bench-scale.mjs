#!/usr/bin/env node
// One scale point of `npm run bench`, in its own process so its memory is its own:
//   node scripts/bench-scale.mjs RECORDS [INDEX_DIR]
// (INDEX_DIR: a built search index to start from, as a running bot's data dir holds one; with
// BENCH_DATABASE_URL the records are kept in that PostgreSQL database, up to 100,000.)
// seeds RECORDS progress records (the first 100,000 through the store, one unit of work; beyond that
// copied straight into the database, as a bulk import would), then times status, ask, the digest
// of a day holding every record, the weekly and monthly reports and the workbook of the period
// holding them, and an item's page, and prints one line of JSON.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const { loadConfig } = await import(join(root, 'dist/config.js'));
const { openCore } = await import(join(root, 'dist/bot/open.js'));
const { seedRecords } = await import('./bench-seed.mjs');

const records = Number(process.argv[2] ?? 0);
const THROUGH_STORE = 100000;
const questions = readFileSync(resolve(root, 'eval/staff-a.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l).q);
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

const dir = mkdtempSync(join(tmpdir(), 'duban-bench-scale-'));
if (process.argv[3]) cpSync(process.argv[3], join(dir, 'index'), { recursive: true });
const now = new Date('2015-07-01T08:00:00Z');
const databaseUrl = process.env.BENCH_DATABASE_URL;
const config = loadConfig({ DUBAN_DATA_DIR: dir, DUBAN_DATABASE_URL: databaseUrl, DUBAN_ADMINS: 'bench:u' });
let core = await openCore(config, { now: () => now });
const items = core.bot.answerer.reports[0].sections.flatMap((s) => s.items);
/** Sent within the hour before the digest, so the day's digest holds every record. */
const sentAt = (i) => new Date(now.getTime() - 3600000 + (i % 3600000)).toISOString();

let t = performance.now();
const viaStore = Math.min(records, THROUGH_STORE);
await seedRecords(core, viaStore, ['第'], sentAt);
const storeInsertMs = performance.now() - t;
if (databaseUrl) {
  // What autovacuum does within a minute of a bulk load: statistics, so plans fit the table as it is.
  const pg = (await import('pg')).default;
  const client = new pg.Client(databaseUrl);
  await client.connect();
  await client.query('ANALYZE');
  await client.end();
  await core.close();
  core = await openCore(config, { now: () => now });
}
let bulkMs = 0;
if (records > viaStore && databaseUrl) throw new Error('PostgreSQL points go up to 100,000 records');
if (records > viaStore) {
  await core.close();
  t = performance.now();
  const Database = (await import('better-sqlite3')).default;
  const db = new Database(join(dir, 'duban.sqlite'));
  const copies = Math.ceil((records - viaStore) / viaStore);
  const copy = db.transaction((k) => {
    db.prepare(
      `INSERT INTO progress (report_id, item_id, target_id, value, kind, note, raw_text, platform, user_id,
         user_name, channel_id, message_id, created_at, as_of)
       SELECT report_id, item_id, target_id, value, kind, note, raw_text, platform, user_id, user_name,
         channel_id, NULL, created_at, as_of FROM progress WHERE id <= ? ORDER BY id LIMIT ?`,
    ).run(viaStore, Math.min(viaStore, records - viaStore * k));
    db.prepare(
      `INSERT INTO progress_fts (rowid, terms) SELECT rowid + ?, terms FROM progress_fts WHERE rowid <= ? LIMIT ?`,
    ).run(viaStore * k, viaStore, Math.min(viaStore, records - viaStore * k));
  });
  for (let k = 1; k <= copies; k++) copy(k);
  db.close();
  bulkMs = performance.now() - t;
  core = await openCore(config, { now: () => now });
}

const status = [];
const asks = [];
// Warm up (the JIT, caches) as much as is measured, so the empty store is not measured cold.
for (let i = 0; i < 500; i++) {
  await core.bot.handle({ platform: 'bench', userId: 'u', channelId: 'C', text: `状态 ${items[i % items.length].id}` });
  await core.bot.answerer.ask(questions[i % questions.length]);
}
for (let i = 0; i < 500; i++) {
  let t1 = performance.now();
  await core.bot.handle({ platform: 'bench', userId: 'u', channelId: 'C', text: `状态 ${items[i % items.length].id}` });
  status.push(performance.now() - t1);
  t1 = performance.now();
  await core.bot.answerer.ask(questions[i % questions.length]);
  asks.push(performance.now() - t1);
}
t = performance.now();
await core.digest.compose('2015-07-01');
const digestMs = performance.now() - t;
// The weekly report of the week holding every record, as asked in chat.
t = performance.now();
const weekly = await core.bot.handle({ platform: 'bench', userId: 'u', channelId: 'C', text: '周报 2015-07-01' });
const weeklyMs = performance.now() - t;
if (weekly.kind === 'error') throw new Error('the weekly report failed');
// The whole monthly report, the month's workbook (an admin's 导出) and an item's page, each after a first run.
const timed = async (text) => {
  await core.bot.handle({ platform: 'bench', userId: 'u', channelId: 'C', text }); // loads exceljs, warms up
  const t1 = performance.now();
  const r = await core.bot.handle({ platform: 'bench', userId: 'u', channelId: 'C', text });
  if (r.kind === 'error' || r.kind === 'refused') throw new Error(`${text} failed`);
  return performance.now() - t1;
};
const monthlyMs = await timed('月报 全部 2015-07-01');
const exportMs = await timed('导出 2015-07-01');
const { dashboardApp } = await import(join(root, 'dist/web/app.js'));
const dashboard = dashboardApp(core, config, () => now);
await dashboard.request('/items/4.3');
t = performance.now();
const itemPage = await (await dashboard.request('/items/4.3')).text();
const itemPageMs = performance.now() - t;
const rssAfter = process.memoryUsage().rss;
const count = await core.store.progress.count();
await core.close();
/** `duban digest` as an operator runs it: a whole process, start-up included. */
const cli = [];
for (let i = 0; i < 3; i++) {
  const t1 = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin/duban.js'), 'digest', '--date', '2015-07-01'], {
    env: { ...process.env, DUBAN_DATA_DIR: dir, DUBAN_DATABASE_URL: databaseUrl ?? '' },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  cli.push(performance.now() - t1);
}
if (process.env.BENCH_KEEP) console.error(`kept ${dir}`);
else rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    records: count,
    storeInsertMs,
    storeInserted: viaStore,
    bulkMs,
    status: { p50: pct(status, 50), p95: pct(status, 95) },
    ask: { p50: pct(asks, 50), p95: pct(asks, 95) },
    digestMs,
    digestCliMs: pct(cli, 50),
    weeklyMs,
    monthlyMs,
    exportMs,
    itemPageMs,
    itemPageKiB: itemPage.length / 1024,
    rssMiB: rssAfter / 1048576,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
