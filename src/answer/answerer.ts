/**
 * Question → Answer. The question is first found inside the chat message (mentions, greetings
 * and thanks dropped). A reference in it (`4.3`, `第四部分`) goes straight to that part;
 * anything else is searched, and a fitted model judges whether the best passage answers it:
 * found, clarify (two or three likely items offered by number, `choose` answers the one picked),
 * closest (quoted, said plainly it may not answer exactly), or not found. A figure is given only
 * when the passage holds one.
 */
import { said } from '../chat/markup.js';
import { TEXT } from '../chat/texts.js';
import type { English } from '../report/english.js';
import { resolveRef } from '../report/refs.js';
import { splitSentences } from '../report/text.js';
import type { Report } from '../report/types.js';
import { extractQuestion } from '../search/clean.js';
import type { ExtraList, Hit, Query, SearchIndex } from '../search/index.js';
import { localDate } from '../time.js';
import { type Features, features, type Model, probability } from './answerability.js';
import { choiceLines, clarifyChoices } from './clarify.js';
import {
  type AnswerText,
  citation,
  type ItemProgress,
  itemAnswer,
  pickSentences,
  type Standing,
  sectionAnswer,
  sectionOverview,
} from './extractive.js';
import { asksForNumber, asksForProgress, holdsFigure, holdsFigureNear, refInQuestion } from './intent.js';
import type { Answer, Citation, Outcome, ProgressLookup } from './types.js';

/** Least share of the question a passage must hold to be offered beside the answer. */
export const SEE_ALSO_COVERAGE = 0.65;

/** Share of a figure question about things the report never names, from which no figure is given. */
const UNNAMED_FOR_FIGURE = 0.3;

/** What the answerer made of a question before writing the answer. */
export interface Judgement {
  query: Query;
  hits: Hit[];
  records?: ExtraList;
  features: Features;
  /** Probability that the best passage answers the question. */
  p: number;
}

/** Writes nicer prose from the same passages; returns undefined to keep the extractive answer. */
export interface AnswerWriter {
  write(extractive: Answer, passages: Passage[]): Promise<Answer | undefined>;
}

/** A retrieved passage given to a writer: the whole item or preamble behind a citation. */
export interface Passage {
  id: string;
  title: string;
  text: string;
}

export class Answerer {
  private readonly progress?: ProgressLookup;
  private readonly writer?: AnswerWriter;
  private readonly tz: string;
  private readonly model: Model;
  /** The report's titles, metrics and units in plain English, for English replies beyond answers too. */
  readonly english?: English;
  /** What item answers need besides the report: progress, time zone, English glosses. */
  private readonly standing: Standing;

  constructor(
    readonly reports: Report[],
    readonly index: SearchIndex,
    opts: { progress?: ProgressLookup; writer?: AnswerWriter; tz: string; model: Model; english?: English },
  ) {
    this.progress = opts.progress;
    this.writer = opts.writer;
    this.tz = opts.tz;
    this.model = opts.model;
    this.english = opts.english;
    this.standing = { tz: this.tz, gloss: (text) => this.index.glosses.terms(text), english: opts.english };
  }

  /** Answer a question; never throws on odd input, and never invents a figure. */
  async ask(question: string): Promise<Answer> {
    return this.written(await this.extractive(question.trim()));
  }

  /**
   * The answer to a question from the item picked among the choices it was asked back with: the
   * item's sentences that bear on the question, as a found answer.
   */
  async choose(question: string, picked: Pick<Citation, 'reportId' | 'id'>): Promise<Answer> {
    const query = this.index.prepare(extractQuestion(question));
    const doc = this.index.doc(`${picked.reportId}:${picked.id}`);
    const hit = doc && { doc, score: 0, coverage: 0, similarity: 0, firsts: 0 };
    const wantNumber = asksForNumber(query.question);
    // Without a figure to show, the item is still what was picked: its targets, as for a reference.
    const answer =
      (hit && (await this.fromHit(query, hit, wantNumber, 'found'))) ??
      (await this.byReference(query, `${picked.reportId}:${picked.id}`));
    return this.written({ ...(answer ?? this.notFound(query, [], wantNumber)), question });
  }

  /** An LLM's prose for a found answer, when one is configured and it writes a valid one. */
  private async written(extractive: Answer): Promise<Answer> {
    if (!this.writer || !extractive.found) return extractive;
    try {
      return (await this.writer.write(extractive, this.passages(extractive))) ?? extractive;
    } catch {
      return extractive;
    }
  }

  /** Search for the question inside a message and judge whether the best passage answers it. */
  judge(message: string): Promise<Judgement> {
    return this.judgeQuestion(extractQuestion(message));
  }

  private async judgeQuestion(question: string): Promise<Judgement> {
    const query = this.index.prepare(question);
    const records = await this.progress?.search(this.index.queryTerms(query));
    // Asked how work is going, the items people have reported on count twice.
    const extra = records ? (asksForProgress(query.question) ? [records, records] : [records]) : [];
    const hits = query.concepts.length ? this.index.search(query, { limit: 5, extra }) : [];
    const notes = hits[0] ? records?.texts.get(hits[0].doc.key) : undefined;
    // A figure asked for, and none next to what is asked about in the best passage.
    let noFigure = false;
    if (hits[0] && asksForNumber(query.question)) {
      const passage = `${hits[0].doc.text} ${notes ?? ''}`;
      const terms = query.concepts.flatMap((c) => c.alternatives).filter((a) => a.length > 1 && passage.includes(a));
      noFigure = !holdsFigureNear(query.question, passage, terms);
    }
    const f = features(this.index, query, hits, {
      otherPlace: this.index.reader.namesOtherPlace(query),
      noFigure,
      notes,
    });
    return { query, hits, records, features: f, p: hits.length ? probability(this.model, f) : 0 };
  }

  /** The offline answer. */
  async extractive(message: string): Promise<Answer> {
    const question = extractQuestion(message);
    const ref = refInQuestion(question);
    if (ref) {
      const direct = await this.byReference(this.index.prepare(question), ref);
      if (direct) return { ...direct, question: message };
    }
    const { query, hits, records, p, features } = await this.judgeQuestion(question);
    // Another city or another year is never this report's answer, however close the words.
    const elsewhere = features.otherPlace > 0 || features.otherTime > 0;
    const outcome: Outcome = elsewhere
      ? 'not-found'
      : p >= this.model.found[query.lang]
        ? 'found'
        : p >= this.model.closest[query.lang]
          ? 'closest'
          : 'not-found';
    const choices = elsewhere ? [] : clarifyChoices(outcome, p, features, hits);
    if (choices.length) return { ...this.clarify(query, choices), question: message };
    const wantNumber = asksForNumber(question);
    const best = hits[0];
    // A figure is never given for a thing the report does not name ("海外工程师" teams).
    // (In English an untranslated word is as likely a verb as a thing, so only Chinese is judged so.)
    const unnamed = wantNumber && query.lang === 'zh' && features.unknownThing >= UNNAMED_FOR_FIGURE;
    if (best && outcome !== 'not-found' && !unnamed) {
      const answer = await this.fromHit(query, best, wantNumber, outcome, records);
      if (answer) {
        if (outcome === 'found') answer.citations.push(...this.seeAlso(hits, best));
        return { ...answer, question: message };
      }
    }
    return { ...this.notFound(query, hits, wantNumber), question: message };
  }

  private locate(reportId: string, ref: string) {
    const hit = resolveRef(this.reports, `${reportId}:${ref}`);
    return hit.kind === 'item' || hit.kind === 'section' || hit.kind === 'target' ? hit : undefined;
  }

  /** What the store has of an item's progress (nothing without a store). */
  private async itemProgress(reportId: string, itemId: string): Promise<ItemProgress> {
    if (!this.progress) return { latest: new Map() };
    const [latest, note] = await Promise.all([
      this.progress.latestForItem(reportId, itemId),
      this.progress.latestNote(reportId, itemId),
    ]);
    return { latest, note };
  }

  private async fromHit(
    query: Query,
    hit: Hit,
    wantNumber: boolean,
    outcome: Outcome,
    records?: ExtraList,
  ): Promise<Answer | undefined> {
    const place = this.locate(hit.doc.reportId, hit.doc.ref);
    if (!place) return undefined;
    if (place.kind === 'section') {
      const sentences = pickSentences(
        this.index,
        query,
        [place.section.title, ...splitSentences(place.section.preamble)],
        [],
        false,
      );
      if (wantNumber && !holdsFigure(query.question, sentences.join(''))) return undefined;
      return this.answer(
        query,
        outcome,
        sectionAnswer(place.report, place.section, sentences, query.lang, this.standing.english),
        [citation(place.report.id, place.section.id, place.section.title, sentences.join(''))],
      );
    }
    const { report, section, item } = place;
    const sentences = pickSentences(this.index, query, item.sentences, item.targets, wantNumber);
    // When the report's words alone do not answer, the progress records that matched do: show them.
    const lacking = this.index.matches(query, item.text).filter((m) => m.matched < 0.5);
    const matched = lacking.length
      ? (records?.records?.get(hit.doc.key) ?? [])
          .filter((r) =>
            this.index
              .matches({ ...query, concepts: lacking.map((m) => m.concept) }, r.note)
              .some((m) => m.matched >= 0.5),
          )
          .slice(0, 2)
      : [];
    if (wantNumber && !holdsFigure(query.question, [...sentences, ...matched.map((r) => r.note)].join('')))
      return undefined;
    const body = itemAnswer(
      report,
      section,
      item,
      sentences,
      query.lang,
      this.standing,
      await this.itemProgress(report.id, item.id),
    );
    for (const r of matched) {
      const when = localDate(r.createdAt, this.tz);
      body.facts.unshift(TEXT.matchingRecord[query.lang](said(r.note), said(r.userName), when));
    }
    return this.answer(query, outcome, body, [citation(report.id, item.id, item.title, sentences.join(''))]);
  }

  private async byReference(query: Query, ref: string): Promise<Answer | undefined> {
    const place = resolveRef(this.reports, ref);
    if (place.kind === 'section') {
      const { report, section } = place;
      return this.answer(query, 'found', sectionOverview(report, section, query.lang, this.standing.english), [
        citation(report.id, section.id, section.title, section.preamble),
      ]);
    }
    if (place.kind === 'item' || place.kind === 'target') {
      const { report, section, item } = place;
      const withTargets = item.sentences.filter((s) => item.targets.some((t) => s.includes(t.text)));
      const sentences = withTargets.length ? withTargets.slice(0, 3) : item.sentences.slice(1, 3);
      const progress = await this.itemProgress(report.id, item.id);
      return this.answer(
        query,
        'found',
        itemAnswer(report, section, item, sentences, query.lang, this.standing, progress),
        [citation(report.id, item.id, item.title, sentences.join(''))],
      );
    }
    return undefined;
  }

  private passages(answer: Answer): Passage[] {
    return answer.citations.flatMap((c) => {
      const doc = this.index.doc(`${c.reportId}:${c.id}`);
      return doc ? [{ id: c.id, title: doc.title, text: doc.text }] : [];
    });
  }

  private seeAlso(hits: Hit[], best: Hit): Citation[] {
    return hits
      .filter((h) => h !== best && h.doc.kind === 'item' && h.coverage >= SEE_ALSO_COVERAGE)
      .slice(0, 2)
      .map((h) => citation(h.doc.reportId, h.doc.ref, h.doc.title, splitSentences(h.doc.text)[1] ?? h.doc.text));
  }

  private notFound(query: Query, hits: Hit[], wantNumber: boolean): Answer {
    const suggestions = hits
      .filter((h) => h.doc.kind === 'item' && h.coverage > 0)
      .slice(0, 3)
      .map((h) => citation(h.doc.reportId, h.doc.ref, h.doc.title, ''));
    const lang = query.lang;
    const list = suggestions.map((s) => `${s.id} ${s.title}`).join(TEXT.listSep[lang]);
    const says = wantNumber ? TEXT.noFigure[lang] : TEXT.notInReport[lang];
    const text = `${says}${list ? `\n${TEXT.closestItems[lang](list)}` : ''}\n${TEXT.tryOther[lang]}`;
    return { ...this.answer(query, 'not-found', { prose: text, facts: [] }, []), suggestions };
  }

  /** Asking back: the likely items, numbered, to pick one by replying with its number. */
  private clarify(query: Query, choices: Citation[]): Answer {
    const text = [TEXT.clarifyLead[query.lang], ...choiceLines(choices)].join('\n');
    return { ...this.answer(query, 'clarify', { prose: text, facts: [] }, []), choices };
  }

  private answer(query: Query, outcome: Outcome, body: AnswerText, citations: Citation[]): Answer {
    // A passage that may not answer exactly what was asked says so before it is quoted.
    const lead = outcome === 'closest' ? [TEXT.closestLead[query.lang]] : [];
    const text = [...lead, body.prose, ...body.facts].join('\n');
    return {
      question: query.question,
      lang: query.lang,
      found: outcome === 'found',
      outcome,
      text,
      facts: body.facts,
      citations,
      suggestions: [],
      choices: [],
      source: 'extractive',
    };
  }
}
