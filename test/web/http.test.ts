/**
 * The dashboard over plain HTTP (Hono's in-process requests): the standing as JSON and as pages,
 * filters, answers, escaping of what people typed, languages, read only, and who may look.
 */
import { spawn } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { dashboardApp } from '../../src/web/app.js';
import type { standingJson } from '../../src/web/model.js';
import { duban } from '../cli/run.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { tempDir } from '../fakes/tmp.js';

const SCRIPT_NOTE = '走访企业<script>alert("x")</script>';

let core: TestCore;
let app: ReturnType<typeof dashboardApp>;

beforeAll(async () => {
  core = await testCore();
  app = dashboardApp(core, loadConfig({ DUBAN_DATA_DIR: tempDir() }), () => core.clock.now);
  expect((await core.say('进展 4.3 已引进领军人才及团队12个')).kind).toBe('recorded');
  expect((await core.say(`进展 1.1 ${SCRIPT_NOTE}`)).kind).toBe('recorded');
});

const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

describe('the dashboard, read only', () => {
  it('answers /api/standing with the read model chat and the digest use', async () => {
    const res = await get('/api/standing');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReturnType<typeof standingJson>;
    const report = body.reports[0]!;
    expect(report.id).toBe('cixi-2015');
    const section = report.sections.find((s) => s.id === '4')!;
    const item = section.items.find((i) => i.id === '4.3')!;
    expect(item.targets[0]).toMatchObject({ id: '4.3#1', value: 12, goal: 25, percent: 48, met: false });
    expect(section.withProgress).toBe(1);
    expect(report.stale.length).toBeGreaterThan(0);
  });

  it('shows every section with its targets, and filters by section and state without scripts', async () => {
    const all = await (await get('/')).text();
    expect(all).toContain('<html lang="zh-CN">');
    expect(all).toContain('提升人才支撑水平');
    expect(all).toContain('12/25个 · 48%');
    expect(all).toMatch(/（一）/);
    expect(all).toContain('>责任人<');
    const four = await (await get('/?section=4')).text();
    expect(four).toContain('12/25个');
    expect(four).not.toContain('促进企业稳定生产');
    const behind = await (await get('/?state=behind')).text();
    expect(behind).toContain('4.3 提升人才支撑水平');
    expect(behind).not.toContain('促进企业稳定生产');
  });

  it('names each item’s owners and lead unit, escaped', async () => {
    const by = { platform: 'test', userId: 'boss', userName: 'boss', channelId: '' };
    await core.store.owners.assign(
      { reportId: 'cixi-2015', itemId: '4.3', targetId: null, platform: 'test', userId: 'w', name: '王强<b>' },
      by,
    );
    await core.store.owners.setUnit('cixi-2015', '4.3', '市人才办', by);
    const page = await (await get('/?section=4')).text();
    expect(page).toContain('王强&lt;b&gt;');
    expect(page).toContain('市人才办');
  });

  it('shows an item with its targets marked, its chart data and every record', async () => {
    const res = await get('/items/4.3');
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<h1>4.3 提升人才支撑水平</h1>');
    expect(page).toMatch(/<mark title="4\.3#1">[^<]*25个以上/);
    expect(page).toContain('"id":"4.3#1"');
    expect(page).toContain('/assets/uplot.js');
    expect(page).toContain('4.3#1 = 12');
    expect((await get('/items/4-3')).status).toBe(200);
    expect((await get('/items/99.9')).status).toBe(404);
  });

  it('shows a long history a page at a time, newest first, with a link to the older records', async () => {
    const by = { platform: 'test', userId: 'u9', userName: '赵六', channelId: 'C' };
    // 250 records of 2.1#1, five a day from 2 June: sent in order, each a day's value by evening.
    await core.store.transaction(async (tx) => {
      for (let i = 1; i <= 250; i++) {
        const asOf = new Date(Date.parse('2015-06-02T00:00:00Z') + Math.floor((i - 1) / 5) * 86400000 + i * 60000);
        const note = `第${i}条`;
        await tx.progress.add(
          {
            reportId: 'cixi-2015',
            itemId: '2.1',
            targetId: '2.1#1',
            value: i,
            kind: 'update',
            note,
            rawText: note,
            asOf: asOf.toISOString(),
          },
          by,
        );
      }
    });
    const shown = (page: string) => [...page.matchAll(/第(\d+)条/g)].map((m) => Number(m[1]));
    const older = (page: string) =>
      /href="(\/items\/2\.1\?before=\d+)" rel="next"/.exec(page.replace(/&amp;/g, '&'))?.[1];
    const first = await (await get('/items/2.1')).text();
    expect(shown(first)).toEqual(Array.from({ length: 100 }, (_, i) => 250 - i));
    expect(first).not.toContain('最新的记录');
    const second = await (await get(older(first)!)).text();
    expect(shown(second)).toEqual(Array.from({ length: 100 }, (_, i) => 150 - i));
    expect(second).toContain('href="/items/2.1">← 最新的记录');
    const last = await (await get(older(second)!)).text();
    expect(shown(last)).toEqual(Array.from({ length: 50 }, (_, i) => 50 - i));
    expect(older(last)).toBeUndefined();
    // The chart still holds the whole history: the last value of each of its 50 days.
    const series = JSON.parse(/<script type="application\/json" id="series">(.*?)<\/script>/s.exec(first)![1]!);
    const values = series.series[0].value.filter((v: number | null) => v !== null);
    expect(values).toEqual(Array.from({ length: 50 }, (_, i) => (i + 1) * 5));
    // A link that is not a record's id shows the newest page.
    expect(shown(await (await get('/items/2.1?before=x')).text())[0]).toBe(250);
  });

  it('escapes what people typed in records, on every page', async () => {
    for (const path of ['/', '/items/1.1']) {
      const page = await (await get(path)).text();
      expect(page).toContain('走访企业&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(page).not.toContain('<script>alert');
    }
  });

  it('answers a question with the chat answerer and links its citations to item pages', async () => {
    const page = await (await get(`/search?q=${encodeURIComponent('人才团队的引进目标是多少？')}`)).text();
    expect(page).toContain('25个');
    expect(page).toContain('href="/items/4.3"');
    const escaped = await (await get(`/search?q=${encodeURIComponent('<img src=x onerror=alert(1)>')}`)).text();
    expect(escaped).not.toContain('<img src=x');
  });

  it('links the items a question is asked back with, rather than asking for a number', async () => {
    const page = await (await get(`/search?q=${encodeURIComponent('what about exprot growth this year')}`)).text();
    expect(page).toContain('href="/items/1.3"');
    expect(page).toContain('href="/items/1.2"');
    expect(page).not.toContain('Reply with its number');
  });

  it('speaks English when asked by the query or by the browser, Chinese otherwise', async () => {
    expect(await (await get('/?lang=en')).text()).toContain('<html lang="en">');
    const browser = await (await get('/items/4.3', { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' })).text();
    expect(browser).toContain('<html lang="en">');
    expect(browser).toContain('Records');
    // The report's words stay Chinese, and are marked so for screen readers.
    expect(browser).toContain('<h1 lang="zh-CN">4.3 提升人才支撑水平</h1>');
    expect(await (await get('/', { 'accept-language': 'fr, zh-CN;q=0.8, en;q=0.7' })).text()).toContain('lang="zh-CN"');
  });

  it('changes nothing: anything but GET is refused', async () => {
    expect((await app.request('/', { method: 'POST' })).status).toBe(405);
    expect((await app.request('/api/standing', { method: 'DELETE' })).status).toBe(405);
  });
});

describe('a dashboard guarded by DUBAN_WEB_TOKEN', () => {
  const TOKEN = 'a-long-enough-secret-1234';
  let guarded: TestCore;
  let web: ReturnType<typeof dashboardApp>;
  beforeAll(async () => {
    const env = { DUBAN_WEB_TOKEN: TOKEN, DUBAN_ADMINS: 'test:boss', DUBAN_WEB_URL: 'https://duban.example.gov' };
    guarded = await testCore(env);
    web = dashboardApp(guarded, loadConfig({ DUBAN_DATA_DIR: tempDir(), ...env }), () => guarded.clock.now);
  });

  async function linkFromChat(): Promise<string> {
    const r = await guarded.say('看板', { userId: 'boss' });
    expect(r.kind).toBe('info');
    expect(r.ephemeral).toBe(true);
    return /https:\/\/duban\.example\.gov\/\?t=\S+/.exec(r.plain)![0];
  }

  it('refuses 看板 to someone who is not an admin', async () => {
    const r = await guarded.say('看板', { userId: 'u1' });
    expect(r.kind).toBe('refused');
    expect(r.plain).toContain('只有管理员');
    expect(r.plain).not.toContain('http');
  });

  it('lets a signed link in for an hour, through a cookie, and not after', async () => {
    expect((await web.request('/')).status).toBe(401);
    expect((await web.request('/api/standing')).status).toBe(401);
    const link = new URL(await linkFromChat());
    const opened = await web.request(`/${link.search}`);
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/');
    const elsewhere = await web.request(`//evil.example/${link.search}`);
    expect(elsewhere.headers.get('location')).toBe('/evil.example/');
    const cookie = opened.headers.get('set-cookie')!.split(';')[0]!;
    expect(opened.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect((await web.request('/items/4.3', { headers: { cookie } })).status).toBe(200);
    guarded.clock.now = new Date(guarded.clock.now.getTime() + 61 * 60 * 1000);
    expect((await web.request('/items/4.3', { headers: { cookie } })).status).toBe(401);
    expect((await web.request(`/${link.search}`)).status).toBe(401);
  });

  it('refuses a forged or garbled link', async () => {
    const link = new URL(await linkFromChat());
    const [expires, signature] = link.searchParams.get('t')!.split('.') as [string, string];
    const later = `${Number(expires) + 86400}.${signature}`;
    const flipped = `${expires}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    for (const t of [later, flipped, 'garbage', '']) expect((await web.request(`/?t=${t}`)).status).toBe(401);
  });

  it('lets a script in with the token as a bearer', async () => {
    const ok = await web.request('/api/standing', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(ok.status).toBe(200);
    const wrong = await web.request('/api/standing', { headers: { authorization: 'Bearer not-the-token-at-all' } });
    expect(wrong.status).toBe(401);
  });
});

describe('serving', () => {
  const shared = inject('indexDir');
  const dataDir = () => {
    const dir = tempDir();
    symlinkSync(shared, join(dir, 'index'));
    return dir;
  };

  it.each([['web'], ['start']])(
    'duban %s refuses, in one line, to listen off loopback without a token',
    async (cmd) => {
      const r = await duban([cmd], { env: { DUBAN_DATA_DIR: dataDir(), DUBAN_WEB_HOST: '0.0.0.0' } });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('DUBAN_WEB_TOKEN');
    },
  );

  it('duban web serves the overview, an item and the standing until SIGTERM', async () => {
    const child = spawn(process.execPath, [resolve(import.meta.dirname, '../../bin/duban.js'), 'web'], {
      env: { PATH: process.env.PATH ?? '', DUBAN_DATA_DIR: dataDir(), DUBAN_WEB_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const url = await new Promise<string>((res, rej) => {
      child.stdout.on('data', () => {
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) res(m[0]);
      });
      child.on('exit', () => rej(new Error(`did not start: ${out}`)));
    });
    expect(await (await fetch(url)).text()).toContain('提升人才支撑水平');
    expect(await (await fetch(`${url}items/4.3`)).text()).toContain('领军人才及团队');
    const standing = (await (await fetch(`${url}api/standing`)).json()) as ReturnType<typeof standingJson>;
    expect(standing.reports[0]!.id).toBe('cixi-2015');
    child.kill('SIGTERM');
    expect(await new Promise((r) => child.on('exit', r))).toBe(0);
  });
});
