#!/usr/bin/env node
// Start-up: cold `node bin/duban.js ask` and the console's first prompt (`duban start` with nothing
// configured, in a terminal), each run paired with `node -e 0` so that the ratios hold on a busy
// machine. Run by bench.mjs with its data folder, or alone: `node scripts/bench-startup.mjs [DATA_DIR]`
// (a new folder, its index built first, when none is given). Prints figures; asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const bin = join(root, 'bin/duban.js');
const QUESTION = '人才团队的引进目标是多少？';
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);

const ownDir = !process.argv[2];
const dataDir = process.argv[2] ? resolve(process.argv[2]) : mkdtempSync(join(tmpdir(), 'duban-bench-start-'));
// Nothing configured: no platform, the dashboard on a free port.
const env = { ...process.env, DUBAN_DATA_DIR: dataDir, DUBAN_WEB_PORT: '0' };
for (const key of Object.keys(env))
  if (/^(SLACK|WECHATY|DINGTALK|FEISHU|WECOM|DUBAN_LLM|DUBAN_DATABASE_URL)/.test(key)) delete env[key];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(0)} ms`;

function timed(args) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  const wall = performance.now() - t;
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${r.stderr}`);
  return { wall, stderr: r.stderr };
}

/** Milliseconds from starting `duban start` in a terminal to its prompt; then it is told to exit. */
function firstPrompt() {
  return new Promise((done, fail) => {
    const command = `'${process.execPath}' '${bin}' start`;
    const t = performance.now();
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    let shown;
    const timer = setTimeout(() => child.kill(), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      if (shown === undefined && out.includes('督办>')) {
        shown = performance.now() - t;
        child.stdin.end('exit\r');
      }
    });
    child.on('error', fail);
    child.on('exit', () => {
      clearTimeout(timer);
      if (shown === undefined) fail(new Error(`no prompt from \`duban start\`:\n${out}`));
      else done(shown);
    });
  });
}

const hasScript = spawnSync('script', ['-qec', 'true', '/dev/null']).status === 0;
timed([bin, 'ask', QUESTION]); // builds the index when the folder has none, and warms the disk cache
if (hasScript) await firstPrompt();

const bare = [];
const asks = [];
const prompts = [];
const rss = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(timed(['-e', '0']).wall);
  const ask = timed(['--require', join(root, 'scripts/rss-at-exit.cjs'), bin, 'ask', '--json', QUESTION]);
  asks.push(ask.wall);
  rss.push(Number(/maxrss_kb=(\d+)/.exec(ask.stderr)?.[1] ?? 0) / 1024);
  if (hasScript) prompts.push(await firstPrompt());
}
const ratio = (xs) => median(xs.map((x, i) => x / bare[i])).toFixed(1);
console.log(`start-up (${RUNS} runs each, medians, every run paired with \`node -e 0\`: ${ms(median(bare))}):`);
console.log(
  `  cold \`node bin/duban.js ask\`: ${ms(median(asks))} wall, ${ratio(asks)}× \`node -e 0\`; ` +
    `peak memory ${Math.max(...rss).toFixed(0)} MiB`,
);
console.log(
  hasScript
    ? `  console's first prompt (\`duban start\`, nothing configured): ${ms(median(prompts))}, ${ratio(prompts)}× \`node -e 0\``
    : "  console's first prompt: skipped (needs `script` to give the console a terminal)",
);
if (ownDir) rmSync(dataDir, { recursive: true, force: true });
