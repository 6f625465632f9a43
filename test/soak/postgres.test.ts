/**
 * Several bot processes on one PostgreSQL database, as behind a load balancer: real `duban start`
 * processes serving Slack over HTTP, a real server, signed events, a process killed with SIGKILL.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { dubanProcess } from '../cli/run.js';
import { startPostgres, type TestPostgres } from '../fakes/postgres.js';
import { exited, script } from '../fakes/script.js';
import { FakeSlackApi } from '../fakes/slack-api.js';
import { sendSigned } from '../fakes/slack-signing.js';
import { tempDir } from '../fakes/tmp.js';
import { freePort, until } from '../fakes/wait.js';

const BIN = resolve(import.meta.dirname, '../../bin/duban.js');
const SECRET = 's3cret';

let server: TestPostgres;
const api = new FakeSlackApi();
let apiUrl: string;
const children: ChildProcess[] = [];
beforeAll(async () => {
  [server, apiUrl] = await Promise.all([startPostgres(), api.start()]);
}, 60000);
afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await api.stop();
  server?.stop();
});

interface Bot {
  child: ChildProcess;
  port: number;
  out: () => string;
}

/** `duban start` with Slack over HTTP on its own port and data folder, on the shared database. */
async function startBot(url: string, env: Record<string, string> = {}): Promise<Bot> {
  const dir = tempDir();
  symlinkSync(inject('indexDir'), join(dir, 'index'));
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'start'], {
    env: {
      PATH: process.env.PATH ?? '',
      DUBAN_DATA_DIR: dir,
      DUBAN_DATABASE_URL: url,
      SLACK_BOT_TOKEN: 'xoxb-test',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: apiUrl,
      SLACK_PORT: String(port),
      // (The dashboard would want one port for both processes on this machine.)
      DUBAN_WEB: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await until(() => out.includes('duban is running') || child.exitCode !== null, 30000, 'duban to start');
  if (child.exitCode !== null) throw new Error(out);
  return { child, port, out: () => out };
}

/** A signed app_mention; the same channel and ts is the same Slack message. */
function mention(bot: Bot, i: number, text: string) {
  const body = JSON.stringify({
    type: 'event_callback',
    event_id: `E${i}-${bot.port}`,
    team_id: 'T1',
    event: {
      type: 'app_mention',
      user: `U${i % 7}`,
      text: `<@UBOT> ${text}`,
      ts: `${1000 + i}.0001`,
      channel: `C${i % 50}`,
    },
  });
  return sendSigned(`http://127.0.0.1:${bot.port}/slack/events`, SECRET, body);
}

/** Run `jobs` with at most `width` at once. */
async function pool(jobs: (() => Promise<unknown>)[], width: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}

async function count(url: string, sql: string): Promise<number> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

describe('two bot processes on one PostgreSQL database', () => {
  it('record each of 2,000 updates once, though 200 of them reach both processes', async () => {
    const url = await server.database();
    const [a, b] = await Promise.all([startBot(url), startBot(url)]);
    const jobs: (() => Promise<unknown>)[] = [];
    for (let i = 0; i < 2000; i++) {
      const text = `进展 4.3#1 12 第${i}次`;
      jobs.push(() => mention(i < 1000 ? a : b, i, text));
      // Replayed: the same message delivered to the other process too.
      if (i % 10 === 0) jobs.push(() => mention(i < 1000 ? b : a, i, text));
    }
    await pool(jobs, 16);
    const records = 'SELECT COUNT(*) AS n FROM progress';
    await until(async () => (await count(url, records)) >= 2000, 60000, '2,000 records');
    // Both served Slack; one of them led.
    expect([a.out(), b.out()].filter((o) => o.includes('leads')).length).toBe(1);
    // Counted once both have exited: nothing can be written after that, so no pause is needed.
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    await Promise.all([a, b].map((x) => new Promise((r) => x.child.once('exit', r))));
    expect(await count(url, records)).toBe(2000);
    expect(await count(url, "SELECT COUNT(*) AS n FROM handled WHERE platform = 'slack'")).toBe(2000);
    expect(await count(url, "SELECT COUNT(*) AS n FROM audit WHERE action = 'progress'")).toBe(2000);
  }, 150000);

  it('moves the digest schedule to the other process when the leader is killed, and sends the day’s digest once', async () => {
    const url = await server.database();
    // The digest is due in 20 s (croner reads a sixth field as seconds).
    const due = new Date(Math.ceil((Date.now() + 20000) / 1000) * 1000);
    const env = {
      DUBAN_TZ: 'UTC',
      DUBAN_DIGEST_CRON: `${due.getUTCSeconds()} ${due.getUTCMinutes()} ${due.getUTCHours()} * * *`,
      DUBAN_DIGEST_CHANNELS: 'slack:CDIGEST',
    };
    const a = await startBot(url, env);
    const b = await startBot(url, env);
    expect(a.out()).toContain('leads');
    expect(b.out()).not.toContain('leads');
    a.child.kill('SIGKILL');
    await until(() => b.out().includes('leads'), 15000, 'the other process to lead');
    const digests = () => api.posts().filter((p) => p.args.channel === 'CDIGEST');
    // Logged once the post returned and the delivery is marked sent.
    await until(() => b.out().includes('sent to slack:CDIGEST'), due.getTime() - Date.now() + 20000, 'the digest');
    expect(digests()).toHaveLength(1);
    // A process started after it finds the day's digest sent, as does the schedule running on.
    const c = await startBot(url, env);
    await new Promise((r) => setTimeout(r, 3000));
    expect(digests()).toHaveLength(1);
    expect(await count(url, "SELECT COUNT(*) AS n FROM digest_deliveries WHERE status = 'sent'")).toBe(1);
    b.child.kill('SIGTERM');
    c.child.kill('SIGTERM');
  }, 150000);
});

describe('reminders from two processes at once on one PostgreSQL database', () => {
  it('reach each owner once', async () => {
    const url = await server.database();
    const sent = join(tempDir(), 'sent.txt');
    const owners = Array.from(
      { length: 12 },
      (_, i) => `${['1.1', '1.2', '2.1', '4.3'][i % 4]},test:o${i},负责人${i},`,
    );
    const csv = join(tempDir(), 'owners.csv');
    writeFileSync(csv, `item,owner,name,unit\n${owners.join('\n')}\n`);
    const env = { DUBAN_DATA_DIR: tempDir(), DUBAN_DATABASE_URL: url, DUBAN_ADMINS: 'cli:boss' };
    expect(dubanProcess(['import', '--owners', csv, '--user', 'boss'], { env }).stdout).toContain('Assigned 12 owners');
    // Each process opens the core, sends through a sender that appends to one file, and reminds everyone due.
    const code = `const { appendFileSync } = await import('node:fs');
      const { loadConfig } = await import(process.env.DIST + '/config.js');
      const { openCore } = await import(process.env.DIST + '/bot/open.js');
      const config = loadConfig({ DUBAN_DATA_DIR: process.env.DIR, DUBAN_DATABASE_URL: process.env.URL });
      const core = await openCore(config, { now: () => new Date('2015-06-01T01:00:00Z') });
      core.senders.test = async (ch) => appendFileSync(process.env.SENT, ch.channelId + '\\n');
      const r = await core.followUp.remindAll();
      console.log(r.filter((x) => x.result === 'sent').length);
      await core.close();`;
    const dirs = [tempDir(), tempDir()];
    for (const d of dirs) symlinkSync(inject('indexDir'), join(d, 'index'));
    const runs = await Promise.all(dirs.map((DIR) => exited(script(code, { DIR, URL: url, SENT: sent }))));
    for (const r of runs) expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(runs.reduce((n, r) => n + Number(r.stdout.trim()), 0)).toBe(12);
    const lines = readFileSync(sent, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(12);
    expect(new Set(lines).size).toBe(12);
  }, 60000);
});

describe('duban migrate', () => {
  it('copies a SQLite data folder into PostgreSQL, and a second run copies nothing more', async () => {
    const dir = tempDir();
    for (const [i, text] of ['进展 4.3 已引进领军人才及团队12个', '撤销', '进展 1.1 走访企业200家'].entries()) {
      expect(
        dubanProcess(['chat', '--user', 'cli:a', '--message-id', `m${i}`, text], { env: { DUBAN_DATA_DIR: dir } }).code,
      ).toBe(0);
    }
    const url = await server.database();
    const first = dubanProcess(['migrate', '--from', `sqlite:${dir}`, '--to', url], { env: { DUBAN_DATA_DIR: dir } });
    expect(first.stdout).toContain('progress: 3 in SQLite, 3 copied now, 3 in PostgreSQL');
    expect(first.stdout).toContain('handled: 3 in SQLite, 3 copied now');
    const again = dubanProcess(['migrate', '--from', `sqlite:${dir}`], {
      env: { DUBAN_DATA_DIR: dir, DUBAN_DATABASE_URL: url },
    });
    expect(again.stdout).toContain('progress: 3 in SQLite, 0 copied now, 3 in PostgreSQL');
    const history = dubanProcess(['chat', '--user', 'cli:a', '历史 4.3'], {
      env: { DUBAN_DATA_DIR: tempDir(), DUBAN_DATABASE_URL: url },
    });
    expect(history.stdout).toContain('已撤销');
    // duban backup on PostgreSQL: a pg_dump archive with the records in it. pg_dump is PostgreSQL's client,
    // which the npm package of the server does not ship: a machine without it says so and goes on.
    if (spawnSync('pg_dump', ['--version']).status === 0) {
      const archive = join(tempDir(), 'duban.dump');
      const env = { DUBAN_DATA_DIR: tempDir(), DUBAN_DATABASE_URL: url };
      expect(dubanProcess(['backup', archive], { env }).stdout).toContain('Backed up');
      expect(spawnSync('pg_restore', ['-l', archive], { encoding: 'utf8' }).stdout).toContain(
        'TABLE DATA public progress',
      );
    } else console.log('duban backup on PostgreSQL is not tried: no pg_dump (install the PostgreSQL client).');
    expect(dubanProcess(['migrate', '--from', 'nowhere'], { env: {} }).code).toBe(2);
  });
});
