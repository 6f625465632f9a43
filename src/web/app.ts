/**
 * The dashboard as a Hono app over the core: the overview, item pages, answers to questions and
 * `/api/standing`, all read only (anything but GET is refused), in Chinese or English. The core is
 * only read: standings, records and the answerer, the same ones chat and the digest use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import { html } from 'hono/html';
import type { Core } from '../bot/open.js';
import type { Lang } from '../chat/types.js';
import { type Config, PROJECT_ROOT } from '../config.js';
import { dashboardBase, dashboardHostnames } from '../dashboard-link.js';
import { refIn } from '../report/format.js';
import { resolveRef } from '../report/refs.js';
import { requireAccess, requireHost } from './auth.js';
import { type Html, href, itemHref, ownPath, type PageContext, page } from './html.js';
import { itemPage } from './item.js';
import { STATES, type StateFilter, standingJson, targetSeries } from './model.js';
import { overviewPage } from './overview.js';
import { searchPage } from './search.js';
import { WEB } from './texts.js';

/** Files the pages load, served from here (uPlot from its package): no CDN. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'dashboard.css': { file: join(PROJECT_ROOT, 'src/web/assets/dashboard.css'), type: 'text/css' },
  'item.js': { file: join(PROJECT_ROOT, 'src/web/assets/item.js'), type: 'text/javascript' },
  'uplot.js': { file: join(PROJECT_ROOT, 'node_modules/uplot/dist/uPlot.iife.min.js'), type: 'text/javascript' },
  'uplot.css': { file: join(PROJECT_ROOT, 'node_modules/uplot/dist/uPlot.min.css'), type: 'text/css' },
};

/** Records on an item's page; older ones are a link away (at 100,000 records the page took 714 ms and 7.7 MB). */
const RECORDS_PER_PAGE = 100;

/** Longest question taken from the box. */
const MAX_QUESTION = 500;

/** `?lang=en` first, then the browser's Accept-Language; Chinese when neither says. */
export function pickLang(query: string | undefined, accept: string | undefined): { lang: Lang; explicit: boolean } {
  if (query === 'zh' || query === 'en') return { lang: query, explicit: true };
  const ranked = (accept ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { primary: tag.split('-')[0], q: Number.isNaN(q) ? 0 : q };
    })
    .filter((t) => (t.primary === 'zh' || t.primary === 'en') && t.q > 0)
    .sort((a, b) => b.q - a.q);
  return { lang: ranked[0]?.primary === 'en' ? 'en' : 'zh', explicit: false };
}

function pageContext(c: Context, tz: string): PageContext {
  const { lang, explicit } = pickLang(c.req.query('lang'), c.req.header('accept-language'));
  const url = new URL(c.req.url);
  url.searchParams.set('lang', lang === 'zh' ? 'en' : 'zh');
  url.searchParams.delete('t');
  return { lang, explicitLang: explicit, tz, otherLangHref: ownPath(url) };
}

/** The dashboard app; `now` is the clock links are checked against. */
export function dashboardApp(core: Core, config: Config, now: () => Date = () => new Date()): Hono {
  const app = new Hono();
  const reports = core.bot.answerer.reports;
  const standings = core.digest.standings;
  const tz = config.DUBAN_TZ;
  const asset = new Map<string, string>();

  app.use('*', compress());
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header(
      'Content-Security-Policy',
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
  });
  app.use(
    '*',
    requireHost(dashboardHostnames(config), (c) => {
      const ctx = pageContext(c, tz);
      return c.text(WEB[ctx.lang].wrongHost(new URL(c.req.url).host), 421);
    }),
  );
  // Read only: nothing here changes state.
  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return c.text('read only', 405, { Allow: 'GET, HEAD' });
    return next();
  });

  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const spec = ASSETS[name];
    if (!spec) return c.notFound();
    if (!asset.has(name)) asset.set(name, readFileSync(spec.file, 'utf8'));
    return c.body(asset.get(name)!, 200, {
      'Content-Type': `${spec.type}; charset=utf-8`,
      'Cache-Control': 'public, max-age=3600',
    });
  });

  const render = (c: Context, body: Html, status: 200 | 401 | 404 = 200) => c.html(body, status);

  app.use(
    '*',
    requireAccess(
      config.DUBAN_WEB_TOKEN,
      now,
      (c) => {
        if (c.req.path.startsWith('/api/'))
          return c.json({ error: 'a valid dashboard link or token is required' }, 401);
        const ctx = pageContext(c, tz);
        const w = WEB[ctx.lang];
        return render(
          c,
          page(ctx, { title: w.lockedTitle, body: html`<h1>${w.lockedTitle}</h1><p>${w.locked}</p>` }),
          401,
        );
      },
      dashboardBase(config).startsWith('https:'),
    ),
  );

  app.get('/api/standing', async (c) => {
    const states = await Promise.all(reports.map((r) => standings.report(r)));
    return c.json(standingJson(states));
  });

  app.get('/', async (c) => {
    const ctx = pageContext(c, tz);
    const states = await Promise.all(reports.map((r) => standings.report(r)));
    const items = states.flatMap((s) => s.sections.flatMap((sec) => sec.items));
    const notes = await Promise.all(items.map((i) => core.store.progress.latestNote(i.report.id, i.item.id)));
    const latest = new Map(items.map((i, n) => [`${i.report.id}:${i.item.id}`, notes[n]]));
    const state = c.req.query('state');
    const [owners, units] = await Promise.all([core.followUp.ownersByItem(), core.store.owners.units()]);
    return render(
      c,
      overviewPage(ctx, {
        states,
        latest,
        owners,
        units,
        section: c.req.query('section') || undefined,
        state: STATES.includes(state as StateFilter) ? (state as StateFilter) : undefined,
      }),
    );
  });

  app.get('/items/:ref', async (c) => {
    const ctx = pageContext(c, tz);
    const ref = c.req.param('ref');
    const hit = resolveRef(reports, ref);
    if (hit.kind === 'section')
      return c.redirect(href(ctx, '/', { section: refIn(reports, hit.report, hit.section.id) }));
    if (hit.kind === 'unknown') {
      const w = WEB[ctx.lang];
      const near = hit.candidates.map(
        (k) =>
          html`<li><a href="${itemHref(ctx, refIn(reports, { id: k.reportId }, k.id))}">${k.id} ${k.title}</a></li>`,
      );
      const body = html`<h1>${w.notFoundPage(ref)}</h1>${near.length ? html`<p>${w.didYouMean}</p><ul>${near}</ul>` : ''}`;
      return render(c, page(ctx, { title: w.notFoundPage(ref), body }), 404);
    }
    // A page of records at a time, newest first; `?before=ID` the page after record ID.
    const before = Number(c.req.query('before'));
    const after = Number.isSafeInteger(before) && before > 0 ? before : undefined;
    const [state, fetched, values] = await Promise.all([
      standings.item(hit.report, hit.section, hit.item),
      core.store.progress.history(hit.report.id, hit.item.id, RECORDS_PER_PAGE + 1, after),
      core.store.progress.values(hit.report.id, hit.item.id),
    ]);
    const records = fetched.slice(0, RECORDS_PER_PAGE);
    const older = fetched.length > RECORDS_PER_PAGE ? records.at(-1)!.id : undefined;
    const series = targetSeries(hit.report, hit.item, values, standings.settings, tz);
    return render(c, itemPage(ctx, { reports, state, records, series, older, paged: after !== undefined }));
  });

  app.get('/search', async (c) => {
    const ctx = pageContext(c, tz);
    const question = (c.req.query('q') ?? '').trim().slice(0, MAX_QUESTION);
    if (!question) return c.redirect(href(ctx, '/'));
    const answer = await core.bot.answerer.ask(question);
    return render(c, searchPage(ctx, reports, question, answer));
  });

  return app;
}
