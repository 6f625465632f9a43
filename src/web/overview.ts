/**
 * `/` — every report's sections with each target's progress, the met / behind / stale counts and
 * each item's latest update, filtered by section and state through the query (a plain form: no
 * script needed).
 */
import { html } from 'hono/html';
import { TEXT } from '../chat/texts.js';
import type { ItemState, ReportState, SectionState } from '../progress/standing.js';
import { refIn, sectionLabel } from '../report/format.js';
import type { Report } from '../report/types.js';
import type { Owner, ProgressRecord } from '../store/types.js';
import { localDate } from '../time.js';
import { type Html, itemHref, type PageContext, page, recordWhat, targetEntry, zh } from './html.js';
import { matches, STATES, type StateFilter, tally } from './model.js';
import { WEB } from './texts.js';

export interface OverviewInput {
  states: ReportState[];
  /** The newest record in force of each item, by `report:item`. */
  latest: Map<string, ProgressRecord | undefined>;
  /** Owners of each item and its lead unit, by `report:item`. */
  owners: Map<string, Owner[]>;
  units: Map<string, string>;
  /** A section id (`4`, or `cixi-2016:4` when several reports are loaded). */
  section?: string;
  state?: StateFilter;
}

function counts(sections: SectionState[], ctx: PageContext): string {
  const t = tally(sections);
  return WEB[ctx.lang].counts(t.targets, t.met, t.behind, t.stale);
}

function itemRow(
  ctx: PageContext,
  reports: Report[],
  i: ItemState,
  latest: ProgressRecord | undefined,
  owners: Owner[],
  unit: string | undefined,
): Html {
  const w = WEB[ctx.lang];
  const id = refIn(reports, i.report, i.item.id);
  const targets = i.targets.length
    ? html`<ul class="targets">${i.targets.map((t) => targetEntry(ctx, t))}</ul>`
    : html`<span class="muted">${TEXT.noMeasurable[ctx.lang]}</span>`;
  const update = latest
    ? html`<time datetime="${latest.asOf}">${localDate(latest.asOf, ctx.tz)}</time> <span${zh(ctx)}>${latest.userName || latest.userId}: ${recordWhat(latest, ctx.lang)}</span>`
    : html`<span class="muted">${TEXT.noUpdate[ctx.lang]}</span>`;
  const names = [...new Set(owners.map((o) => (o.targetId ? `${o.name} (${o.targetId})` : o.name)))];
  const who = names.length
    ? html`<span${zh(ctx)}>${names.join(TEXT.listSep[ctx.lang])}</span>`
    : html`<span class="muted">${w.noOwners}</span>`;
  return html`<tr>
<td data-label="${w.colItem}"${zh(ctx)}><a href="${itemHref(ctx, id)}">${id} ${i.item.title}</a>${i.stale ? html` <span class="state stale">${w.stale(i.idleDays)}</span>` : ''}</td>
<td data-label="${w.colTargets}">${targets}</td>
<td data-label="${w.colLatest}" class="latest">${update}</td>
<td data-label="${w.colOwners}" class="owners">${who}${unit ? html`<br><span class="muted"${zh(ctx)}>${unit}</span>` : ''}</td>
</tr>`;
}

function sectionBlock(ctx: PageContext, reports: Report[], s: SectionState, input: OverviewInput): Html | undefined {
  const w = WEB[ctx.lang];
  const items = s.items.filter((i) => matches(i, input.state));
  if (!items.length) return undefined;
  const key = (i: ItemState) => `${i.report.id}:${i.item.id}`;
  return html`<section class="sec" id="s-${refIn(reports, s.report, s.section.id)}">
<h3${zh(ctx)}>${sectionLabel(s.section, ctx.lang)}</h3>
<p class="counts">${counts([s], ctx)} · ${w.average(s.percent)}</p>
<div class="table-wrap"><table>
<thead><tr><th scope="col">${w.colItem}</th><th scope="col">${w.colTargets}</th><th scope="col">${w.colLatest}</th><th scope="col">${w.colOwners}</th></tr></thead>
<tbody>${items.map((i) =>
    itemRow(ctx, reports, i, input.latest.get(key(i)), input.owners.get(key(i)) ?? [], input.units.get(key(i))),
  )}</tbody>
</table></div>
</section>`;
}

function filterForm(ctx: PageContext, reports: Report[], input: OverviewInput): Html {
  const w = WEB[ctx.lang];
  const sections = input.states.flatMap((r) => r.sections);
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  return html`<form class="filters" method="get" action="/">
<fieldset><legend>${w.filter}</legend>
<label>${w.section} <select name="section">${option('', w.all, !input.section)}${sections.map((s) => {
    const id = refIn(reports, s.report, s.section.id);
    return option(id, sectionLabel(s.section, ctx.lang), input.section === id);
  })}</select></label>
<label>${w.state} <select name="state">${option('', w.all, !input.state)}${STATES.map((st) =>
    option(st, w.states[st], input.state === st),
  )}</select></label>
${ctx.explicitLang ? html`<input type="hidden" name="lang" value="${ctx.lang}">` : ''}
<button type="submit">${w.apply}</button>
</fieldset>
</form>`;
}

/** The overview page. */
export function overviewPage(ctx: PageContext, input: OverviewInput): Html {
  const w = WEB[ctx.lang];
  const reports = input.states.map((s) => s.report);
  const blocks = input.states.map((r) => {
    const sections = r.sections.filter(
      (s) => !input.section || refIn(reports, r.report, s.section.id) === input.section,
    );
    const shown = sections.map((s) => sectionBlock(ctx, reports, s, input));
    return html`<section class="report" aria-labelledby="r-${r.report.id}">
<h2 id="r-${r.report.id}"${zh(ctx)}>${r.report.title}</h2>
<p class="meta">${w.asOf(localDate(r.asOf, ctx.tz), r.expected)}</p>
<p class="counts">${counts(r.sections, ctx)}</p>
${shown.some(Boolean) ? shown : html`<p class="muted">${w.nothing}</p>`}
</section>`;
  });
  const body = html`<h1>${w.title}</h1>
${filterForm(ctx, reports, input)}
${blocks}`;
  return page(ctx, { title: w.title, body });
}
