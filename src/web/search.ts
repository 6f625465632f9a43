/** `/search?q=…` — a question answered by the same answerer as chat, its citations linked to their pages. */
import { html } from 'hono/html';
import type { Answer, Citation } from '../answer/types.js';
import { refIn } from '../report/format.js';
import type { Report } from '../report/types.js';
import { emphasised, type Html, href, itemHref, type PageContext, page, zh } from './html.js';
import { WEB } from './texts.js';

/** An item's page, or the overview filtered to a section. */
function citationHref(ctx: PageContext, reports: Report[], c: Citation): string {
  const ref = refIn(reports, { id: c.reportId }, c.id);
  return c.id.includes('.') ? itemHref(ctx, ref) : href(ctx, '/', { section: ref });
}

function citationList(ctx: PageContext, reports: Report[], heading: string, list: Citation[]): Html | undefined {
  if (!list.length) return undefined;
  return html`<section aria-labelledby="h-${heading}"><h2 id="h-${heading}">${heading}</h2><ol class="citations">${list.map(
    (c) =>
      html`<li><a href="${citationHref(ctx, reports, c)}">${refIn(reports, { id: c.reportId }, c.id)} ${c.title}</a>${
        c.quote ? html`<blockquote${zh(ctx)}>${c.quote}</blockquote>` : ''
      }</li>`,
  )}</ol></section>`;
}

/** The answer page. */
export function searchPage(ctx: PageContext, reports: Report[], question: string, answer: Answer): Html {
  const w = WEB[ctx.lang];
  // Asked back, the page links the items offered rather than asking for a number to reply with.
  if (answer.outcome === 'clarify') {
    const body = html`<h1>${w.searchTitle(question)}</h1>
${citationList(ctx, reports, w.clarify, answer.choices)}`;
    return page(ctx, { title: `${w.searchTitle(question)} · ${w.title}`, body, q: question });
  }
  const note =
    answer.outcome === 'closest'
      ? html`<p class="note">${w.closest}</p>`
      : answer.outcome === 'not-found'
        ? html`<p class="note">${w.notFound}</p>`
        : '';
  const body = html`<h1>${w.searchTitle(question)}</h1>
${note}
<div class="answer" lang="${answer.lang === 'en' ? 'en' : 'zh-CN'}">${emphasised(answer.text)}</div>
${citationList(ctx, reports, w.sources, answer.citations)}
${citationList(ctx, reports, w.suggestions, answer.suggestions)}`;
  return page(ctx, { title: `${w.searchTitle(question)} · ${w.title}`, body, q: question });
}
