#!/usr/bin/env node
// 周报, 月报 全部, 导出 and the item page at RECORDS progress records, by hand:
//   node scripts/bench-periodic.mjs [RECORDS] [DATA_DIR]
// RECORDS (default 100,000) are sent over June 2015: half spread over the report's items, half on
// target 4.3#1 (its item's page). A DATA_DIR already seeded is reused (seeding takes a while).
// Prints the median of 5 runs of each, wall and CPU time (CPU time is what this process spent, so
// other work on the machine sways it less); asserts nothing.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const { loadConfig } = await import(join(root, 'dist/config.js'));
const { openCore } = await import(join(root, 'dist/bot/open.js'));
const { dashboardApp } = await import(join(root, 'dist/web/app.js'));
const { seedRecords } = await import('./bench-seed.mjs');

const records = Number(process.argv[2] ?? 100000);
const dir = process.argv[3] ?? mkdtempSync(join(tmpdir(), 'duban-bench-periodic-'));
const seeded = existsSync(join(dir, 'duban.sqlite'));
const now = new Date('2015-07-01T08:00:00Z');
const config = loadConfig({ DUBAN_DATA_DIR: dir, DUBAN_ADMINS: 'bench:u' });
const core = await openCore(config, { now: () => now });
if (!seeded) {
  const june = Date.parse('2015-06-01T00:00:00Z');
  const sentAt = (i) => new Date(june + Math.floor((i / records) * 29 * 86400000)).toISOString();
  await seedRecords(core, records / 2, ['已完成阶段性任务', '走访企业'], sentAt);
  await core.store.transaction(async (tx) => {
    for (let i = 0; i < records / 2; i++) {
      await tx.progress.add(
        {
          reportId: 'cixi-2015',
          itemId: '4.3',
          targetId: '4.3#1',
          value: i % 25,
          kind: 'update',
          note: `第${i}次`,
          rawText: '',
          createdAt: sentAt(i),
        },
        { platform: 'bench', userId: 'u', userName: '用户', channelId: 'C' },
      );
    }
  });
}
const app = dashboardApp(core, config, () => now);
const median = async (fn) => {
  await fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(c);
    wall.push(performance.now() - t);
    cpu.push((used.user + used.system) / 1000);
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[2];
  return { wall: mid(wall), cpu: mid(cpu) };
};
const say = (text) => core.bot.handle({ platform: 'bench', userId: 'u', channelId: 'C', text });
let bytes = 0;
const figures = {
  周报: await median(() => say('周报 2015-06-10')),
  '月报 全部': await median(() => say('月报 全部 2015-06-10')),
  导出: await median(() => say('导出 2015-06-10')),
  '/items/4.3': await median(async () => {
    const res = await app.request('/items/4.3');
    bytes = (await res.text()).length;
  }),
};
console.log(`${(await core.store.progress.count()).toLocaleString('en')} records in ${dir}`);
for (const [k, v] of Object.entries(figures))
  console.log(`  ${k}: ${v.wall.toFixed(1)} ms (CPU ${v.cpu.toFixed(1)} ms)`);
console.log(`  /items/4.3 page: ${(bytes / 1024).toFixed(0)} KiB`);
await core.close();
