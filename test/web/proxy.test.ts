/**
 * The dashboard behind a proxy, over real HTTP on 127.0.0.1: only its own host names are answered
 * (DNS rebinding), the cookie is Secure when the public address is https, links never lead off
 * the site, and settings that would hand out unsigned or unopenable links do not start.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Dashboard, dashboardLine, serveDashboard } from '../../src/web/server.js';
import { duban } from '../cli/run.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { tempDir } from '../fakes/tmp.js';

const TOKEN = 'a-long-enough-secret-1234';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One GET as a browser or a proxy sends it: any request line, any Host. */
function get(web: Dashboard, path: string, host?: string, headers: Record<string, string> = {}): Promise<Answer> {
  const { hostname, port } = new URL(web.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, path, headers: { host: host ?? `${hostname}:${port}`, ...headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function serve(env: Record<string, string>): Promise<{ core: TestCore; web: Dashboard }> {
  const core = await testCore(env);
  const config = loadConfig({ DUBAN_DATA_DIR: tempDir(), DUBAN_WEB_PORT: '0', ...env });
  return { core, web: await serveDashboard(core, config, () => core.clock.now) };
}

describe('a dashboard on loopback behind an https proxy', () => {
  const env = { DUBAN_WEB_TOKEN: TOKEN, DUBAN_ADMINS: 'test:boss', DUBAN_WEB_URL: 'https://duban.example.gov' };
  let core: TestCore;
  let web: Dashboard;
  beforeAll(async () => ({ core, web } = await serve(env)));
  afterAll(() => web.close());

  it('says at start-up both where it listens and the address people open', () => {
    const line = dashboardLine(web, loadConfig({ ...env, DUBAN_WEB_PORT: '0' }));
    expect(line).toMatch(/http:\/\/127\.0\.0\.1:\d+\/, opened at https:\/\/duban\.example\.gov\//);
  });

  it('answers the public host name and the loopback address, and refuses any other name (DNS rebinding)', async () => {
    expect((await get(web, '/', 'duban.example.gov')).status).toBe(401);
    expect((await get(web, '/')).status).toBe(401);
    const rebound = await get(web, '/api/standing', `evil.example:${new URL(web.url).port}`);
    expect(rebound.status).toBe(421);
    expect(rebound.body).toContain('evil.example');
    expect(rebound.body).toContain('看板');
    // An absolute request line names the host too.
    expect((await get(web, 'http://evil.example/api/standing', 'duban.example.gov')).status).toBe(421);
    const bearer = await get(web, '/api/standing', 'evil.example', { authorization: `Bearer ${TOKEN}` });
    expect(bearer.status).toBe(421);
  });

  it('never links to another site, whatever path was asked for', async () => {
    // The locked page answers every path, with a link to itself in the other language.
    for (const path of ['//evil.example/x', '///evil.example/items/4.3']) {
      const page = await get(web, path, 'duban.example.gov');
      expect(page.status).toBe(401);
      expect(page.body).toContain('/evil.example/');
      expect(page.body).not.toMatch(/href="\/\/|href="\/\\/);
    }
  });

  it('sets the cookie Secure, though the proxy speaks plain http to it', async () => {
    const r = await core.say('看板', { userId: 'boss' });
    const link = new URL(/https:\/\/duban\.example\.gov\/\?t=\S+/.exec(r.plain)![0]);
    const opened = await get(web, `/${link.search}`, 'duban.example.gov');
    expect(opened.status).toBe(303);
    expect(String(opened.headers['set-cookie'])).toMatch(/;\s*Secure/i);
  });
});

describe('settings that would hand out links nobody should get', () => {
  it('will not start with a public DUBAN_WEB_URL and no token, naming both settings', async () => {
    const r = await duban(['web'], { env: { DUBAN_DATA_DIR: tempDir(), DUBAN_WEB_URL: 'https://duban.example.gov' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('DUBAN_WEB_TOKEN');
    expect(r.stderr).toContain('DUBAN_WEB_URL=https://duban.example.gov');
    // A loopback address needs no token.
    expect(() => loadConfig({ DUBAN_WEB_URL: 'http://localhost:8080' })).not.toThrow();
  });

  it('gives no http://0.0.0.0 link: bound to every address it asks for DUBAN_WEB_URL', async () => {
    const env = {
      DUBAN_DATA_DIR: tempDir(),
      DUBAN_WEB_HOST: '0.0.0.0',
      DUBAN_WEB_TOKEN: TOKEN,
      DUBAN_ADMINS: 'cli:boss',
    };
    const refused = await duban(['chat', '--user', 'boss', '看板'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stdout).not.toContain('0.0.0.0');
    expect(refused.stderr).toMatch(/DUBAN_WEB_URL="" is not allowed: expected the address people open/);
    const given = await duban(['chat', '--user', 'boss', '看板'], {
      env: { ...env, DUBAN_WEB_URL: 'http://10.0.0.5:8080' },
    });
    expect(given.stdout).toMatch(/http:\/\/10\.0\.0\.5:8080\/\?t=/);
  });
});
