/**
 * The optional LLM writer: a LangChain chat model behind any OpenAI-compatible endpoint writes
 * the prose from the passages the index retrieved. Its citations are checked against those
 * passages (unknown ones dropped), a figure it states must stand in the passages, and any
 * failure — timeout, error, no valid citation — keeps the extractive answer. The targets and
 * standing under the prose always come from the code.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ChatPromptTemplate } from '@langchain/core/prompts';
import { ChatOpenAI } from '@langchain/openai';
import { type Config, PROJECT_ROOT } from '../config.js';
import type { AnswerWriter, Passage } from './answerer.js';
import type { Answer } from './types.js';

function prompt(name: string): string {
  return readFileSync(resolve(PROJECT_ROOT, 'prompts', name), 'utf8');
}

/** Every number written in a text, as digit strings (`2.2万` → `2.2`, `22000`). */
function figures(text: string): string[] {
  return [...text.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => m[0].replace(/,/g, ''));
}

export class LlmWriter implements AnswerWriter {
  private readonly model: ChatOpenAI;
  private readonly template = ChatPromptTemplate.fromMessages([
    ['system', prompt('answer-system.md')],
    ['human', prompt('answer-user.md')],
  ]);

  constructor(
    private readonly config: Config,
    private readonly context: { city: string; report: string } = { city: '', report: '' },
  ) {
    this.model = new ChatOpenAI({
      model: config.DUBAN_LLM_MODEL,
      apiKey: config.DUBAN_LLM_API_KEY ?? 'not-needed',
      configuration: { baseURL: config.DUBAN_LLM_BASE_URL },
      timeout: config.DUBAN_LLM_TIMEOUT_MS,
      maxRetries: 0,
      temperature: 0,
    });
  }

  async write(extractive: Answer, passages: Passage[]): Promise<Answer | undefined> {
    if (!passages.length) return undefined;
    const messages = await this.template.formatMessages({
      city: this.context.city,
      report: this.context.report,
      language: extractive.lang === 'zh' ? 'Chinese' : 'English',
      passages: passages.map((p) => `[${p.id}] ${p.title}\n${p.text}`).join('\n\n'),
      question: extractive.question,
    });
    const reply = await this.model.invoke(messages, { signal: AbortSignal.timeout(this.config.DUBAN_LLM_TIMEOUT_MS) });
    const prose = (typeof reply.content === 'string' ? reply.content : reply.content.map((c) => ('text' in c ? c.text : '')).join('')).trim();
    if (!prose || prose.includes('NOT_IN_REPORT')) return undefined;

    const known = new Map(passages.map((p) => [p.id, p]));
    const cited = [...new Set([...prose.matchAll(/\[(\d+(?:\.\d+)?)\]/g)].map((m) => m[1]!))];
    const valid = cited.filter((id) => known.has(id));
    if (!valid.length) return undefined;
    const cleaned = prose.replace(/\[(\d+(?:\.\d+)?)\]/g, (m, id: string) => (known.has(id) ? m : '')).trim();

    const allowed = new Set(figures(passages.map((p) => `${p.id} ${p.text}`).join(' ') + extractive.facts.join(' ')));
    if (figures(cleaned.replace(/\[(\d+(?:\.\d+)?)\]/g, '')).some((f) => !allowed.has(f))) return undefined;

    const byId = new Map(extractive.citations.map((c) => [c.id, c]));
    const citations = valid.map((id) => byId.get(id) ?? { reportId: extractive.citations[0]!.reportId, id, title: known.get(id)!.title, quote: known.get(id)!.text });
    return { ...extractive, text: [cleaned, ...extractive.facts].join('\n'), citations, source: 'llm' };
  }
}
