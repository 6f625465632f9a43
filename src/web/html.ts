/**
 * The dashboard's page frame and small pieces of markup. Everything goes through Hono's `html`
 * template, which escapes every value put into it: the report's words and the records (user input)
 * are never markup. `raw` is used only for markup made here.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { TEXT } from '../chat/texts.js';
import type { Lang } from '../chat/types.js';
import type { TargetState } from '../progress/standing.js';
import { formatNumber, targetPhrase } from '../report/format.js';
import type { ProgressRecord } from '../store/types.js';
import { WEB } from './texts.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What every page knows of its request. */
export interface PageContext {
  lang: Lang;
  /** The language was asked for in the query (`?lang=en`), so links keep it. */
  explicitLang: boolean;
  tz: string;
  /** This page in the other language. */
  otherLangHref: string;
}

/** An internal link with its query, keeping a language asked for. */
export function href(ctx: PageContext, path: string, query: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  if (ctx.explicitLang) params.set('lang', ctx.lang);
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

/**
 * The path and query of a request URL as a link on this site. A path starting `//` (or `/\`) is
 * a link to another site in a browser, so however many slashes came, one is kept.
 */
export function ownPath(url: URL): string {
  return `${url.pathname.replace(/^[/\\]+/, '/')}${url.search}`;
}

/** The page of an item: `/items/4.3`, or `/items/cixi-2016:4.3` when several reports are loaded. */
export function itemHref(ctx: PageContext, ref: string, query: Record<string, string | undefined> = {}): string {
  return href(ctx, `/items/${encodeURIComponent(ref).replace(/%3A/g, ':')}`, query);
}

/** Text with `**bold**` marks, escaped, the marks made <strong>, lines kept. */
export function emphasised(text: string): Html[] {
  return text.split('\n').map((line) => {
    const parts = line.split(/\*\*(.+?)\*\*/);
    return html`<p>${parts.map((p, i) => (i % 2 ? html`<strong>${p}</strong>` : p))}</p>`;
  });
}

/** ` lang="zh-CN"` on an English page: the report's words and the records stay Chinese, and say so. */
export function zh(ctx: PageContext): Html | '' {
  return ctx.lang === 'en' ? raw(' lang="zh-CN"') : '';
}

/** What a record says: `4.3#1 = 12 “上半年”`, a note alone, or `撤销了 #17`. */
export function recordWhat(r: ProgressRecord, lang: Lang): string {
  if (r.kind === 'undo') return TEXT.undid[lang](r.undoes);
  const value = r.value !== null ? ` = ${formatNumber(r.value)}` : '';
  const words = r.note || (r.value === null ? r.rawText : '');
  return `${r.targetId ?? r.itemId}${value}${words ? ` “${words}”` : ''}`;
}

/** A target's value against its goal: `12/25个`, `已完成`. */
function valueText(t: TargetState, lang: Lang): string {
  const w = WEB[lang];
  if (t.target.kind === 'milestone') return t.met ? w.done : w.notDone;
  if (t.value === undefined) return TEXT.noUpdate[lang];
  return `${formatNumber(t.value)}/${formatNumber(t.target.value)}${t.target.unit}`;
}

/** A target's state word and the class that colours it. */
function stateOf(t: TargetState, lang: Lang): { word: string; cls: string } {
  const w = WEB[lang];
  if (t.met) return { word: w.state_met, cls: 'met' };
  if (t.behind) return { word: w.state_behind, cls: 'behind' };
  if (t.value === undefined) return { word: w.state_none, cls: 'none' };
  return { word: w.state_ok, cls: 'ok' };
}

/** A completion bar that reads out as its percent. */
function bar(percent: number, label: string, cls: string): Html {
  return html`<span class="bar ${cls}" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="${percent}" aria-label="${label}"><span style="width:${percent}%"></span></span>`;
}

/** A target as a list entry: its words, a bar, value and percent, its state, then `after`. */
export function targetEntry(ctx: PageContext, t: TargetState, after: Html | '' = ''): Html {
  const state = stateOf(t, ctx.lang);
  const label = `${t.target.id} ${targetPhrase(t.target, ctx.lang)}`;
  return html`<li><span class="tname"${zh(ctx)}>${label}</span>
${bar(t.percent, `${label} ${t.percent}%`, state.cls)}
<span class="val">${valueText(t, ctx.lang)} · ${t.percent}%</span> <span class="state ${state.cls}">${state.word}</span>${after}</li>`;
}

/** The frame of every page: language, header with the question box, main, footer. */
export function page(ctx: PageContext, opts: { title: string; body: Html; q?: string; head?: Html }): Html {
  const w = WEB[ctx.lang];
  const other: Lang = ctx.lang === 'zh' ? 'en' : 'zh';
  return html`<!doctype html>
<html lang="${w.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/dashboard.css">
${opts.head ?? ''}
</head>
<body>
<header class="top">
<a class="brand" href="${href(ctx, '/')}">${w.title}</a>
<form class="ask" action="/search" method="get" role="search">
<label for="q" class="sr-only">${w.search}</label>
<input id="q" name="q" type="search" value="${opts.q ?? ''}" placeholder="${w.searchPlaceholder}" maxlength="500">
${ctx.explicitLang ? html`<input type="hidden" name="lang" value="${ctx.lang}">` : ''}
<button type="submit">${w.search}</button>
</form>
<a class="lang" href="${ctx.otherLangHref}" hreflang="${WEB[other].htmlLang}" lang="${WEB[other].htmlLang}">${w.otherLang}</a>
</header>
<main>
${opts.body}
</main>
<footer><p>${w.readOnly}</p></footer>
</body>
</html>`;
}
