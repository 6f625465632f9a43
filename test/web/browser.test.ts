/**
 * The dashboard in a real browser (test/fakes/browser.ts: the machine's or the npm package's Chromium) at desktop and phone
 * widths, over seeded records: what a reader sees, the charts drawn, no console errors, nothing
 * wider than a phone. Screenshots go to test-output/web/. One browser and one page for the file.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type Dashboard, serveDashboard } from '../../src/web/server.js';
import { launchBrowser } from '../fakes/browser.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { tempDir } from '../fakes/tmp.js';

const SHOTS = resolve(import.meta.dirname, '../../test-output/web');
const WIDTHS = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } };

let core: TestCore;
let web: Dashboard;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  core = await testCore({}, '2015-03-31T02:00:00Z');
  // Values through the year, by as-of date; one taken back.
  expect((await core.say('进展 4.3#1 5')).kind).toBe('recorded');
  core.clock.now = new Date('2015-05-31T02:00:00Z');
  expect((await core.say('进展 4.3#1 9')).kind).toBe('recorded');
  expect((await core.say('撤销')).kind).toBe('recorded');
  expect((await core.say('进展 4.3#1 10', { userName: '李四', userId: 'u2' })).kind).toBe('recorded');
  core.clock.now = new Date('2015-06-30T02:00:00Z');
  expect((await core.say('进展 4.3 已引进领军人才及团队12个')).kind).toBe('recorded');
  expect((await core.say('进展 4.3#2 2')).kind).toBe('recorded');
  web = await serveDashboard(core, loadConfig({ DUBAN_DATA_DIR: tempDir(), DUBAN_WEB_PORT: '0' }));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: WIDTHS.desktop, locale: 'zh-CN' });
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
}, 30000);

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await core?.close();
});

// Run in the page (written as text: the tests are compiled without the DOM's types).
/** For each chart's canvas, whether anything was drawn on it. */
const chartsDrawn = (p: Page) =>
  p.evaluate<boolean[]>(`[...document.querySelectorAll('.chart canvas')].map((c) =>
    c.getContext('2d').getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0))`);

/** Nothing sticks out sideways. */
const fits = (p: Page) => p.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth + 1');

describe.each(Object.entries(WIDTHS))('the dashboard at %s width', (name, viewport) => {
  it('shows the overview: sections, a target’s value and percent', async () => {
    await page.setViewportSize(viewport);
    await page.goto(web.url);
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await expect(page.locator('h1').textContent()).resolves.toBe('督办看板');
    expect(await page.locator('h3').allTextContents()).toContain('（四）立足强化动力，推动创新开放提升能级');
    const row = page.locator('tr', { hasText: '4.3 提升人才支撑水平' });
    expect(await row.locator('.val').first().textContent()).toBe('12/25个 · 48%');
    expect(await row.locator('[role=progressbar]').first().getAttribute('aria-valuenow')).toBe('48');
    expect(await fits(page)).toBe(true);
    await page.screenshot({ path: join(SHOTS, `overview-${name}.png`), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('shows an item: its targets, a drawn chart per target, and the records with the undone one marked', async () => {
    await page.setViewportSize(viewport);
    await page.goto(`${web.url}items/4.3`);
    await expect(page.locator('h1').textContent()).resolves.toBe('4.3 提升人才支撑水平');
    await page.locator('.chart canvas').first().waitFor();
    expect(await chartsDrawn(page)).toEqual([true, true]);
    expect(await page.locator('tr.undone').count()).toBe(1);
    expect(await page.locator('tr.undone del').textContent()).toContain('4.3#1 = 9');
    expect(await page.locator('table.records').textContent()).toContain('李四');
    expect(await fits(page)).toBe(true);
    await page.screenshot({ path: join(SHOTS, `item-${name}.png`), fullPage: true });
    expect(errors).toEqual([]);
  });
});

describe('in the browser', () => {
  it('filters with the form and asks through the box, without typing a URL', async () => {
    await page.setViewportSize(WIDTHS.desktop);
    await page.goto(web.url);
    await page.selectOption('select[name=section]', '4');
    await page.click('.filters button');
    expect(new URL(page.url()).searchParams.get('section')).toBe('4');
    expect(await page.locator('h3').allTextContents()).toEqual(['（四）立足强化动力，推动创新开放提升能级']);
    await page.fill('#q', '人才团队的引进目标是多少？');
    await page.press('#q', 'Enter');
    await page.waitForURL(/\/search\?/);
    await page.click('.citations a[href="/items/4.3"]');
    await expect(page.locator('h1').textContent()).resolves.toBe('4.3 提升人才支撑水平');
    await page.click('a.lang');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#h-records').textContent()).toBe('Records');
    expect(errors).toEqual([]);
  });
});
