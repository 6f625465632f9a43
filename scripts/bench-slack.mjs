#!/usr/bin/env node
// The Slack load section of `npm run bench`: bursts of signed app_mention events over HTTP against
// duban's real Slack adapter, beside a bare Bolt app that answers each with one fixed message, both
// on the same fake Web API on 127.0.0.1. Each server runs in its own process, so its CPU is its own.
// Then duban on PostgreSQL, one process and two sharing the bursts, beside one on SQLite.
//   node scripts/bench-slack.mjs [INDEX_DIR]      (prints the figures; asserts nothing)
//   node scripts/bench-slack.mjs --serve bare|duban API_URL [INDEX_DIR]   (one server, for the above)
import { fork } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const SECRET = 'bench-signing-secret';
/** Questions staff asked (the eval sets), each asked once or twice over the run, with some status commands. */
const QUESTIONS = ['regression-more', 'staff-a', 'staff-c']
  .flatMap((set) =>
    readFileSync(join(root, `eval/${set}.jsonl`), 'utf8')
      .trim()
      .split('\n'),
  )
  .map((line) => JSON.parse(line).q)
  .flatMap((q, i) => (i % 10 === 0 ? [q, `状态 ${1 + (i % 8)}.${1 + (i % 3)}`] : [q]));
let asked = 0;

/** One server under load: listens on a free port, tells the parent, reports its CPU when asked. */
async function serve(kind, apiUrl, indexDir) {
  const { App, HTTPReceiver, LogLevel } = await import('@slack/bolt');
  const port = 30000 + Math.floor(Math.random() * 20000);
  let stop;
  if (kind === 'bare') {
    const receiver = new HTTPReceiver({
      signingSecret: SECRET,
      endpoints: '/slack/events',
      processBeforeResponse: false,
    });
    const app = new App({
      token: 'xoxb-bench',
      receiver,
      clientOptions: { slackApiUrl: apiUrl },
      logLevel: LogLevel.ERROR,
    });
    app.event('app_mention', async ({ event, client }) => {
      await client.chat.postMessage({ channel: event.channel, thread_ts: event.ts, text: '收到' });
    });
    await app.start(port);
    stop = () => app.stop();
  } else {
    const { loadConfig } = await import(join(root, 'dist/config.js'));
    const { openCore } = await import(join(root, 'dist/bot/open.js'));
    const { createSlackAdapter } = await import(join(root, 'dist/adapters/slack/app.js'));
    const dir = mkdtempSync(join(tmpdir(), 'duban-bench-slack-'));
    if (indexDir) cpSync(indexDir, join(dir, 'index'), { recursive: true });
    const config = loadConfig({ DUBAN_DATA_DIR: dir, DUBAN_DATABASE_URL: process.env.BENCH_DATABASE_URL });
    const core = await openCore(config);
    const adapter = createSlackAdapter(
      core.port(() => {}),
      { SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_PORT: port, SLACK_API_URL: apiUrl },
    );
    await adapter.start();
    stop = async () => {
      await adapter.stop();
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  process.on('message', async (m) => {
    if (m === 'cpu') process.send({ cpu: process.cpuUsage() });
    if (m === 'stop') {
      await stop();
      process.exit(0);
    }
  });
  process.send({ ready: port });
}

/** A fake Slack Web API (its own process): auth.test, users.info, chat.postMessage (when each channel got its reply). */
async function fakeApi() {
  const replies = new Map();
  const origin = performance.timeOrigin;
  const server = createServer(async (req, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    const args = (req.headers['content-type'] ?? '').includes('json')
      ? JSON.parse(raw || '{}')
      : Object.fromEntries(new URLSearchParams(raw));
    const body =
      method === 'auth.test'
        ? { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'duban' }
        : method === 'users.info'
          ? { ok: true, user: { id: args.user, name: `n${args.user}`, profile: { display_name: `用户${args.user}` } } }
          : method === 'chat.postMessage' || method === 'chat.postEphemeral'
            ? { ok: true, channel: args.channel, ts: `${Date.now() / 1000}`, message_ts: `${Date.now() / 1000}` }
            : { ok: false, error: 'unknown_method' };
    if (method.startsWith('chat.post') && !replies.has(args.channel))
      replies.set(args.channel, origin + performance.now());
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  process.on('message', (m) => {
    if (m === 'stop') process.exit(0);
    // The reply times of the channels asked about (wall-clock ms), null for none yet.
    process.send({ replies: m.map((c) => replies.get(c) ?? null) });
  });
  process.send({ ready: `http://127.0.0.1:${server.address().port}/api/` });
}

/** The fake Web API's process: its URL, and the reply times of some channels. */
async function startApi() {
  const child = fork(fileURLToPath(import.meta.url), ['--api'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const next = () => new Promise((r) => child.once('message', r));
  const { ready } = await next();
  return {
    url: ready,
    replies: (channels) => {
      child.send(channels);
      return next().then((m) => m.replies);
    },
    close: () => child.send('stop'),
  };
}

function start(kind, apiUrl, indexDir, env = {}) {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', kind, apiUrl, ...(indexDir ? [indexDir] : [])], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, ...env },
    execArgv: process.env.BENCH_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF_DIR}`] : [],
  });
  const next = () => new Promise((r) => child.once('message', r));
  return next().then(({ ready }) => ({
    url: `http://127.0.0.1:${ready}/slack/events`,
    cpu: () => {
      child.send('cpu');
      return next().then((m) => m.cpu);
    },
    stop: () =>
      new Promise((r) => {
        child.once('exit', r);
        child.send('stop');
      }),
  }));
}

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

/** N events at once, each in a channel of its own (so no per-channel pacing applies), spread over the servers. */
async function burst(servers, api, n, tag) {
  const spread = [servers].flat();
  const acks = [];
  const sent = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const channel = `C${tag}x${i}`;
      const body = JSON.stringify({
        token: 'x',
        team_id: 'T1',
        api_app_id: 'A1',
        type: 'event_callback',
        event_id: `Ev${tag}x${i}`,
        event_time: Math.floor(Date.now() / 1000),
        event: {
          type: 'app_mention',
          user: `U${i % 20}`,
          text: `<@UBOT> ${QUESTIONS[asked++ % QUESTIONS.length]}`,
          ts: `${1700000000 + i}.${tag}`,
          channel,
        },
        authorizations: [{ user_id: 'UBOT', is_bot: true }],
      });
      const ts = Math.floor(Date.now() / 1000).toString();
      const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
      const t = performance.now();
      sent[i] = performance.timeOrigin + t;
      const res = await fetch(spread[i % spread.length].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig },
        body,
      });
      await res.arrayBuffer();
      acks.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`status ${res.status}`);
    }),
  );
  const channels = Array.from({ length: n }, (_, i) => `C${tag}x${i}`);
  const deadline = performance.now() + 120000;
  let replies = await api.replies(channels);
  while (replies.includes(null) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 20));
    replies = await api.replies(channels);
  }
  const toReply = replies.map((at, i) => (at === null ? Number.POSITIVE_INFINITY : at - sent[i]));
  const end = Math.max(...replies.filter((x) => x !== null));
  return {
    ackP95: pct(acks, 95),
    replyP95: pct(toReply, 95),
    perSecond: n / ((end - performance.timeOrigin - t0) / 1000),
    missing: replies.filter((x) => x === null).length,
  };
}

async function drive(indexDir) {
  const api = await startApi();
  const servers = { bare: await start('bare', api.url, indexDir), duban: await start('duban', api.url, indexDir) };
  const sizes = [50, 200, 500];
  const runs = { bare: {}, duban: {} };
  const cpu = { bare: 0, duban: 0 };
  let events = 0;
  for (const kind of ['bare', 'duban']) await burst(servers[kind], api, 20, `${kind}warm`); // JIT, names, first answers
  // Bursts alternate between the two servers, three rounds, so that whatever else the machine does
  // weighs on both alike; each figure is the median of its rounds.
  for (let round = 0; round < 3; round++) {
    for (const n of sizes) {
      for (const kind of ['bare', 'duban']) {
        const before = await servers[kind].cpu();
        runs[kind][n] = [...(runs[kind][n] ?? []), await burst(servers[kind], api, n, `${kind}${n}r${round}`)];
        const after = await servers[kind].cpu();
        cpu[kind] += after.user - before.user + after.system - before.system;
      }
      events += n;
    }
  }
  for (const kind of ['bare', 'duban']) await servers[kind].stop();
  const median = (xs) => pct(xs, 50);
  const results = { bare: {}, duban: {} };
  for (const kind of ['bare', 'duban']) {
    for (const n of sizes) {
      const rs = runs[kind][n];
      results[kind][n] = {
        ackP95: median(rs.map((r) => r.ackP95)),
        replyP95: median(rs.map((r) => r.replyP95)),
        perSecond: median(rs.map((r) => r.perSecond)),
        missing: rs.reduce((sum, r) => sum + r.missing, 0),
      };
    }
    results[kind].cpuMsPerEvent = cpu[kind] / 1000 / events;
  }
  api.close();
  const f = (x) => `${x.toFixed(1)} ms`;
  console.log('Slack bursts of signed app_mention events, median of 3 rounds (bare Bolt app → duban, ratio):');
  for (const n of [50, 200, 500]) {
    const b = results.bare[n];
    const d = results.duban[n];
    console.log(
      `  ${n}: events/s ${b.perSecond.toFixed(0)} → ${d.perSecond.toFixed(0)} (${(d.perSecond / b.perSecond).toFixed(2)}×); ` +
        `ack p95 ${f(b.ackP95)} → ${f(d.ackP95)} (${(d.ackP95 / b.ackP95).toFixed(2)}×); ` +
        `time to reply p95 ${f(b.replyP95)} → ${f(d.replyP95)}` +
        (b.missing + d.missing ? `; unanswered ${b.missing} / ${d.missing}` : ''),
    );
  }
  console.log(
    `  server CPU per event: ${f(results.bare.cpuMsPerEvent)} → ${f(results.duban.cpuMsPerEvent)} ` +
      `(${(results.duban.cpuMsPerEvent / results.bare.cpuMsPerEvent).toFixed(1)}×)`,
  );
  await onPostgres(indexDir);
}

/**
 * duban on PostgreSQL (a throw-away local server): one process, and two sharing each burst as behind
 * a load balancer, beside one on SQLite, bursts alternated over three rounds as above.
 */
async function onPostgres(indexDir) {
  const { postgresBin, startPostgres } = await import('./postgres.mjs');
  if (!postgresBin()) return console.log('Slack on PostgreSQL: skipped (no PostgreSQL binaries; see README)');
  const db = await startPostgres({ durable: true });
  const api = await startApi();
  try {
    const env = { BENCH_DATABASE_URL: await db.database() };
    const pg = [await start('duban', api.url, indexDir, env), await start('duban', api.url, indexDir, env)];
    const setups = { sqlite: [await start('duban', api.url, indexDir)], pg1: [pg[0]], pg2: pg };
    const sizes = [200, 500];
    const runs = {};
    for (const kind of Object.keys(setups)) await burst(setups[kind], api, 20, `${kind}warm`);
    for (let round = 0; round < 3; round++) {
      for (const n of sizes) {
        for (const [kind, servers] of Object.entries(setups)) {
          runs[`${kind}${n}`] ??= [];
          runs[`${kind}${n}`].push(await burst(servers, api, n, `${kind}${n}r${round}`));
        }
      }
    }
    for (const server of [...setups.sqlite, ...pg]) await server.stop();
    const median = (rs, key) =>
      pct(
        rs.map((r) => r[key]),
        50,
      );
    console.log(
      'Slack bursts on PostgreSQL, median of 3 rounds (SQLite, one process → PostgreSQL, one → two processes):',
    );
    for (const n of sizes) {
      const fig = (kind) =>
        `${median(runs[`${kind}${n}`], 'perSecond').toFixed(0)}/s (reply p95 ${median(runs[`${kind}${n}`], 'replyP95').toFixed(0)} ms)`;
      console.log(`  ${n}: ${fig('sqlite')} → ${fig('pg1')} → ${fig('pg2')}`);
    }
  } finally {
    api.close();
    db.stop();
  }
}

if (process.argv[2] === '--serve') await serve(process.argv[3], process.argv[4], process.argv[5]);
else if (process.argv[2] === '--api') await fakeApi();
else await drive(process.argv[2]);
