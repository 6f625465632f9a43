/**
 * The default answer, written from the report's own sentences: item id and title, the one to
 * three sentences that answer the question with the targets in bold, each target with its
 * latest progress, and the citation. No model, no network, no invented figure.
 */
import { said } from '../chat/markup.js';
import { TEXT } from '../chat/texts.js';
import type { Lang } from '../chat/types.js';
import type { English } from '../report/english.js';
import { formatNumber, formatStanding, sectionName, targetPhrase } from '../report/format.js';
import type { Item, Report, Section, Target } from '../report/types.js';
import type { Query, SearchIndex } from '../search/index.js';
import { localDate } from '../time.js';
import type { Citation, TargetStanding } from './types.js';

/** Put **bold** around each target's words inside a sentence. */
export function highlightTargets(sentence: string, targets: Target[]): string {
  let out = sentence;
  for (const t of targets) if (out.includes(t.text)) out = out.replace(t.text, `**${t.text}**`);
  return out;
}

/** The sentences of a passage that answer the query best (1 to 3, in text order). */
export function pickSentences(
  index: SearchIndex,
  query: Query,
  sentences: string[],
  targets: Target[],
  wantNumber: boolean,
): string[] {
  const body = sentences.length > 1 ? sentences.slice(1) : sentences;
  const scored = body.map((s, i) => {
    let score = index.coverage(query, s);
    if (wantNumber && targets.some((t) => t.kind === 'quantity' && s.includes(t.text))) score += 0.5;
    return { s, i, score };
  });
  const best = scored
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 3);
  const top = best[0]?.score ?? 0;
  const chosen = best.filter((x) => x.score >= top * 0.5);
  return (chosen.length ? chosen : scored.slice(0, 2)).sort((a, b) => a.i - b.i).map((x) => x.s);
}

/** What an item answer needs besides the report: the time zone for dates, English glosses. */
export interface Standing {
  tz: string;
  /** English for the report's terms in a text, for English readers (`河长制` → river chief system). */
  gloss?: (text: string) => [string, string][];
  /** The report's titles, metrics and units read as plain English, where they read whole. */
  english?: English;
}

function targetLine(t: Target, latest: TargetStanding | undefined, lang: Lang, { tz, english }: Standing): string {
  // English readers get the target as a sentence (at least 25 leading talents and teams); the
  // Chinese words stay in the quote above it.
  const inEnglish = lang === 'en' && english;
  const goal = inEnglish ? english.target(t, { bold: true }) : targetPhrase(t, lang, { bold: true });
  const standing = latest
    ? TEXT.latestStanding[lang](
        inEnglish ? english.standing(t, latest.value) : formatStanding(t, latest.value, lang),
        said(latest.userName),
        localDate(latest.at, tz),
      )
    : TEXT.noProgress[lang];
  return `• ${t.id} ${goal} — ${standing}`;
}

/** A title as its reader reads it: English where it reads whole, else the Chinese (quoted by the caller). */
function titleFor(title: string, lang: Lang, english?: English): { title: string; inEnglish: boolean } {
  const en = lang === 'en' ? english?.title(title) : undefined;
  return en ? { title: en, inEnglish: true } : { title, inEnglish: false };
}

/** An answer's text in two parts: what the report says, and the figures computed by code. */
export interface AnswerText {
  prose: string;
  facts: string[];
}

/** An item's progress as the store has it: each target's latest value, and the newest record. */
export interface ItemProgress {
  latest: Map<string, TargetStanding>;
  note?: { targetId: string | null; note: string; rawText: string; userName: string; createdAt: string };
}

/** The answer for one item: header and quoted sentences; targets with standing and source as facts. */
export function itemAnswer(
  report: Report,
  section: Section,
  item: Item,
  sentences: string[],
  lang: Lang,
  standing: Standing,
  { latest, note }: ItemProgress = { latest: new Map() },
): AnswerText {
  const { tz, gloss, english } = standing;
  const quote = sentences.map((s) => highlightTargets(s, item.targets)).join('');
  const head = titleFor(item.title, lang, english);
  const lines = [
    TEXT.itemHead[lang](
      item.id,
      head.title,
      sectionName(section, lang),
      titleFor(section.title, lang, english).title,
      head.inEnglish,
    ),
    `“${quote}”`,
  ];
  // Key terms: the report's names and longer terms, not every word the glossary knows.
  const quoted =
    sentences
      .join('')
      .match(/“[^”]+”/g)
      ?.join('') ?? '';
  const terms =
    lang === 'en' && gloss
      ? gloss(sentences.join(''))
          .filter(([zh, en]) => [...zh].length >= 3 || quoted.includes(zh) || /^[A-Z]/.test(en))
          .slice(0, 8)
      : [];
  if (terms.length) lines.push(`Key terms: ${terms.map(([zh, en]) => `${zh} ${en}`).join('; ')}`);
  const facts: string[] = [];
  // A note without a value says what the target lines cannot; a value is shown with its target.
  if (note && note.targetId === null) {
    const when = localDate(note.createdAt, tz);
    facts.push(TEXT.latestUpdate[lang](said(note.note || note.rawText), said(note.userName), when));
  }
  if (item.targets.length) {
    facts.push(TEXT.targetsHead[lang]);
    for (const t of item.targets) facts.push(targetLine(t, latest.get(t.id), lang, standing));
  }
  facts.push(TEXT.itemSource[lang](report.title, sectionName(section, lang), item.index, item.id));
  return { prose: lines.join('\n'), facts };
}

/** The answer for a section preamble passage. */
export function sectionAnswer(
  report: Report,
  section: Section,
  sentences: string[],
  lang: Lang,
  english?: English,
): AnswerText {
  const { title, inEnglish } = titleFor(section.title, lang, english);
  const head = TEXT.sectionHead[lang](sectionName(section, lang), section.id, title, inEnglish);
  return { prose: [head, `“${sentences.join('')}”`].join('\n'), facts: [sectionSource(report, section, lang)] };
}

function sectionSource(report: Report, section: Section, lang: Lang): string {
  return TEXT.sectionSource[lang](report.title, sectionName(section, lang));
}

/** A whole section: its items (and targets) as a list. */
export function sectionOverview(report: Report, section: Section, lang: Lang, english?: English): AnswerText {
  const inEnglish = lang === 'en' ? english : undefined;
  const { title: sectionTitle, inEnglish: titled } = titleFor(section.title, lang, english);
  const lines = [
    TEXT.sectionItems[lang](sectionName(section, lang), section.id, sectionTitle, titled, section.items.length),
  ];
  for (const item of section.items) {
    const targets = item.targets
      .filter((t) => t.kind === 'quantity')
      .map((t) =>
        inEnglish
          ? inEnglish.target(t)
          : `${t.metric}${formatNumber(t.value)}${t.unit}${t.comparator === '>=' ? '以上' : ''}`,
      );
    const title = titleFor(item.title, lang, english).title;
    lines.push(`• ${item.id} ${title}${targets.length ? TEXT.paren[lang](targets.join(TEXT.listSep[lang])) : ''}`);
  }
  return { prose: lines.join('\n'), facts: [sectionSource(report, section, lang)] };
}

export function citation(reportId: string, id: string, title: string, quote: string): Citation {
  return { reportId, id, title, quote };
}
