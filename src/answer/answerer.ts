/**
 * Question → Answer. A reference in the question (`4.3`, `第四部分`) goes straight to that part;
 * anything else is searched, and the best passage is answered only when it holds most of what
 * was asked (and a figure, when a figure was asked for). Otherwise the answer says the report
 * does not cover it and offers the closest items.
 */
import { resolveRef } from '../report/refs.js';
import { splitSentences } from '../report/text.js';
import type { Report } from '../report/types.js';
import type { ExtraList, Hit, Query, SearchIndex } from '../search/index.js';
import { localDate } from '../time.js';
import { type AnswerText, citation, itemAnswer, pickSentences, sectionAnswer, sectionOverview } from './extractive.js';
import { asksForNumber, asksForProgress, refInQuestion } from './intent.js';
import type { Answer, Citation, ProgressLookup } from './types.js';

/** Least share of the question a passage must hold to count as answering it. */
export const FOUND_COVERAGE = 0.65;

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

  constructor(
    readonly reports: Report[],
    readonly index: SearchIndex,
    opts: { progress?: ProgressLookup; writer?: AnswerWriter; tz: string },
  ) {
    this.progress = opts.progress;
    this.writer = opts.writer;
    this.tz = opts.tz;
  }

  /** Answer a question; never throws on odd input, and never invents a figure. */
  async ask(question: string): Promise<Answer> {
    const extractive = this.extractive(question.trim());
    if (!this.writer || !extractive.found) return extractive;
    try {
      return (await this.writer.write(extractive, this.passages(extractive))) ?? extractive;
    } catch {
      return extractive;
    }
  }

  /** The offline answer. */
  extractive(question: string): Answer {
    const query = this.index.prepare(question);
    const ref = refInQuestion(question);
    if (ref) {
      const direct = this.byReference(query, ref);
      if (direct) return direct;
    }
    const records = this.progress?.search(this.index.queryTerms(query));
    // Asked how work is going, the items people have reported on count twice.
    const extra = records ? (asksForProgress(question) ? [records, records] : [records]) : [];
    const hits = this.index.search(query, { limit: 5, extra });
    const best = hits.slice(0, 3).find((h) => h.coverage >= FOUND_COVERAGE);
    const wantNumber = asksForNumber(question);
    if (best && query.concepts.length) {
      const answer = this.fromHit(query, best, wantNumber, records);
      if (answer) {
        answer.citations.push(...this.seeAlso(hits, best));
        return answer;
      }
    }
    return this.notFound(query, hits);
  }

  private locate(reportId: string, ref: string) {
    const hit = resolveRef(this.reports, `${reportId}:${ref}`);
    return hit.kind === 'item' || hit.kind === 'section' || hit.kind === 'target' ? hit : undefined;
  }

  private fromHit(query: Query, hit: Hit, wantNumber: boolean, records?: ExtraList): Answer | undefined {
    const place = this.locate(hit.doc.reportId, hit.doc.ref);
    if (!place) return undefined;
    if (place.kind === 'section') {
      const sentences = pickSentences(this.index, query, [place.section.title, ...splitSentences(place.section.preamble)], [], false);
      if (wantNumber && !sentences.some((s) => /\d|[一二两三四五六七八九十百千万]+[个项家所名]/.test(s))) return undefined;
      return this.answer(query, true, sectionAnswer(place.report, place.section, sentences, query.lang), [
        citation(place.report.id, place.section.id, place.section.title, sentences.join('')),
      ]);
    }
    const { report, section, item } = place;
    const sentences = pickSentences(this.index, query, item.sentences, item.targets, wantNumber);
    // When the report's words alone do not answer, the progress records that matched do: show them.
    const matched = this.index.coverage(query, item.text) < FOUND_COVERAGE ? (records?.records?.get(hit.doc.key) ?? []).slice(0, 2) : [];
    const holdsFigure = [...sentences, ...matched.map((r) => r.note)].some((s) => item.targets.some((t) => t.kind === 'quantity' && s.includes(t.text)) || /\d/.test(s));
    if (wantNumber && !holdsFigure) return undefined;
    const body = itemAnswer(report, section, item, sentences, query.lang, { progress: this.progress, tz: this.tz });
    for (const r of matched) {
      const when = localDate(r.createdAt, this.tz);
      body.facts.unshift(query.lang === 'zh' ? `相关进展记录：${r.note}（${r.userName}，${when}）` : `Matching progress record: ${r.note} (${r.userName}, ${when})`);
    }
    return this.answer(query, true, body, [
      citation(report.id, item.id, item.title, sentences.join('')),
    ]);
  }

  private byReference(query: Query, ref: string): Answer | undefined {
    const place = resolveRef(this.reports, ref);
    if (place.kind === 'section') {
      const { report, section } = place;
      return this.answer(query, true, sectionOverview(report, section, query.lang), [citation(report.id, section.id, section.title, section.preamble)]);
    }
    if (place.kind === 'item' || place.kind === 'target') {
      const { report, section, item } = place;
      const withTargets = item.sentences.filter((s) => item.targets.some((t) => s.includes(t.text)));
      const sentences = withTargets.length ? withTargets.slice(0, 3) : item.sentences.slice(1, 3);
      return this.answer(query, true, itemAnswer(report, section, item, sentences, query.lang, { progress: this.progress, tz: this.tz }), [
        citation(report.id, item.id, item.title, sentences.join('')),
      ]);
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
      .filter((h) => h !== best && h.doc.kind === 'item' && h.coverage >= FOUND_COVERAGE)
      .slice(0, 2)
      .map((h) => citation(h.doc.reportId, h.doc.ref, h.doc.title, splitSentences(h.doc.text)[1] ?? h.doc.text));
  }

  private notFound(query: Query, hits: Hit[]): Answer {
    const suggestions = hits
      .filter((h) => h.doc.kind === 'item' && h.coverage > 0)
      .slice(0, 3)
      .map((h) => citation(h.doc.reportId, h.doc.ref, h.doc.title, ''));
    const list = suggestions.map((s) => `${s.id} ${s.title}`).join(query.lang === 'zh' ? '；' : '; ');
    const text =
      query.lang === 'zh'
        ? `报告中没有这方面的内容，我不能给出报告以外的数字。${list ? `\n最接近的条目：${list}` : ''}\n可以换个说法再问，或发送“任务”查看全部工作。`
        : `The report does not say, and I will not guess a figure it does not give.${list ? `\nClosest items: ${list}` : ''}\nTry other words, or send "tasks" to see every item.`;
    return { ...this.answer(query, false, { prose: text, facts: [] }, []), suggestions };
  }

  private answer(query: Query, found: boolean, body: AnswerText, citations: Citation[]): Answer {
    const text = [body.prose, ...body.facts].join('\n');
    return { question: query.question, lang: query.lang, found, text, facts: body.facts, citations, suggestions: [], source: 'extractive' };
  }
}
