/**
 * `/items/4.3` — an item's words with its targets marked, a chart of each target's value over
 * time (by as-of day) against the plan's pace, and its records a page at a time, newest first: who,
 * when, note, undone ones marked. The chart is drawn by uPlot from data in the page; without
 * scripts the records remain.
 */
import { html, raw } from 'hono/html';
import { TEXT } from '../chat/texts.js';
import type { ItemState } from '../progress/standing.js';
import { refIn, sectionLabel } from '../report/format.js';
import type { Item, Report } from '../report/types.js';
import type { ProgressRecord } from '../store/types.js';
import { localDate, localDateTime } from '../time.js';
import { type Html, href, itemHref, type PageContext, page, recordWhat, targetEntry, zh } from './html.js';
import type { TargetSeries } from './model.js';
import { WEB } from './texts.js';

export interface ItemInput {
  reports: Report[];
  state: ItemState;
  /** One page of the item's records, newest first. */
  records: ProgressRecord[];
  /** The last record shown, when older ones follow on the next page. */
  older?: number;
  /** This is not the first page. */
  paged: boolean;
  series: TargetSeries[];
}

/** The item's words, each target's own words in <mark>. */
function markedText(ctx: PageContext, item: Item): Html {
  const parts: Html[] = [];
  let at = 0;
  for (const t of item.targets) {
    const i = item.text.indexOf(t.text, at);
    if (i < 0 || !t.text) continue;
    parts.push(html`${item.text.slice(at, i)}<mark title="${t.id}">${t.text}</mark>`);
    at = i + t.text.length;
  }
  parts.push(html`${item.text.slice(at)}`);
  return html`<blockquote class="item-text"${zh(ctx)}>${parts}</blockquote>`;
}

function recordRow(ctx: PageContext, r: ProgressRecord): Html {
  const w = WEB[ctx.lang];
  const what = recordWhat(r, ctx.lang);
  const shown = r.undone ? html`<del>${what}</del> <span class="state undone">${w.undone}</span>` : html`${what}`;
  return html`<tr${r.undone ? html` class="undone"` : ''}>
<td data-label="#">#${r.id}</td>
<td data-label="${w.colWhen}"><time datetime="${r.asOf}">${localDate(r.asOf, ctx.tz)}</time></td>
<td data-label="${w.colSent}"><time datetime="${r.createdAt}">${localDateTime(r.createdAt, ctx.tz)}</time></td>
<td data-label="${w.colWho}">${r.userName || r.userId}</td>
<td data-label="${w.colWhat}"${zh(ctx)}>${shown}</td>
</tr>`;
}

/** JSON for a <script type="application/json"> block: `<` written so no tag can close it. */
function jsonBlock(id: string, data: unknown): Html {
  return html`<script type="application/json" id="${id}">${raw(JSON.stringify(data).replace(/</g, '\\u003c'))}</script>`;
}

/** The item page. */
export function itemPage(ctx: PageContext, input: ItemInput): Html {
  const w = WEB[ctx.lang];
  const { state, records, series } = input;
  const { item, section, report } = state;
  const id = refIn(input.reports, report, item.id);
  const targets = state.targets.map((t) =>
    targetEntry(ctx, t, t.at ? html` <span class="muted">(${t.userName}, ${localDate(t.at, ctx.tz)})</span>` : ''),
  );
  const charts = series.length
    ? html`<section aria-labelledby="h-chart"><h2 id="h-chart">${w.chart}</h2>
${series.map(
  (s, i) =>
    html`<figure class="chart-box"><figcaption${zh(ctx)}>${s.id} ${s.label}</figcaption><div class="chart" data-series="${i}"></div></figure>`,
)}
<noscript><p class="muted">${w.chartFallback}</p></noscript>
${jsonBlock('series', { series, legend: { date: w.dateLegend, value: w.valueLegend, pace: w.paceLegend, goal: w.goalLegend } })}
</section>`
    : '';
  const recordList = records.length
    ? html`<div class="table-wrap"><table class="records">
<thead><tr><th scope="col">#</th><th scope="col">${w.colWhen}</th><th scope="col">${w.colSent}</th><th scope="col">${w.colWho}</th><th scope="col">${w.colWhat}</th></tr></thead>
<tbody>${records.map((r) => recordRow(ctx, r))}</tbody></table></div>`
    : html`<p class="muted">${TEXT.noRecords[ctx.lang]}</p>`;
  const pages = [
    input.paged ? html`<a href="${itemHref(ctx, id)}">${w.newestRecords}</a>` : '',
    input.older
      ? html`<a href="${itemHref(ctx, id, { before: String(input.older) })}" rel="next">${w.olderRecords}</a>`
      : '',
  ].filter(Boolean);
  const pager = pages.length ? html`<nav class="pager">${pages}</nav>` : '';
  const body = html`<nav><a href="${href(ctx, '/')}">← ${w.back}</a></nav>
<h1${zh(ctx)}>${id} ${item.title}</h1>
<p class="meta"><a href="${href(ctx, '/', { section: refIn(input.reports, report, section.id) })}">${sectionLabel(section, ctx.lang)}</a>${state.stale ? html` · <span class="state stale">${w.stale(state.idleDays)}</span>` : ''}</p>
${state.targets.length ? html`<ul class="targets">${targets}</ul>` : html`<p class="muted">${TEXT.noMeasurable[ctx.lang]}</p>`}
<section aria-labelledby="h-text"><h2 id="h-text">${w.itemText}</h2>${markedText(ctx, item)}</section>
${charts}
<section aria-labelledby="h-records"><h2 id="h-records">${w.records}</h2>${recordList}${pager}</section>`;
  const head = series.length
    ? html`<link rel="stylesheet" href="/assets/uplot.css">
<script src="/assets/uplot.js" defer></script>
<script src="/assets/item.js" defer></script>`
    : undefined;
  return page(ctx, { title: `${id} ${item.title} · ${w.title}`, body, head });
}
