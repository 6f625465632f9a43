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

/** Each figure in a text with the words just before it (what it counts), within its clause. */
function figuresWithContext(text: string): { figure: string; before: Set<string> }[] {
  return [...text.matchAll(/\d+(?:[.,]\d+)*/g)].map((m) => {
    const clause =
      text
        .slice(Math.max(0, m.index - 12), m.index)
        .split(/[，。；;,、\n]/)
        .at(-1) ?? '';
    const han = clause.replace(/[^\u3400-\u9fff]/g, '');
    const before = new Set<string>();
    for (let i = 0; i < han.length - 1; i++) before.add(han.slice(i, i + 2));
    return { figure: m[0].replace(/,/g, ''), before };
  });
}

/**
 * True when a figure the prose gives stands next to other words than in the passages, while
 * another figure of the passages stands next to those words: real figures, swapped
 * ("领军人才 6个" where the report says 领军人才 25个 and “千人计划” 6个).
 */
function swapsFigures(prose: string, passages: string): boolean {
  const known = figuresWithContext(passages);
  const overlap = (a: Set<string>, b: Set<string>) => [...a].filter((x) => b.has(x)).length;
  return figuresWithContext(prose).some(({ figure, before }) => {
    if (!before.size) return false;
    const own = Math.max(0, ...known.filter((k) => k.figure === figure).map((k) => overlap(before, k.before)));
    const other = Math.max(0, ...known.filter((k) => k.figure !== figure).map((k) => overlap(before, k.before)));
    return other > own;
  });
}

/** Why a model's answer was not used, logged once per reason with a count. */
const failures = new Map<string, number>();
function logFailure(reason: string): void {
  const n = (failures.get(reason) ?? 0) + 1;
  failures.set(reason, n);
  if (n === 1 || Number.isInteger(Math.log10(n)))
    process.stderr.write(`duban: the LLM answer was not used (${n}×): ${reason}; the offline answer was given\n`);
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
    let reply: Awaited<ReturnType<ChatOpenAI['invoke']>>;
    try {
      reply = await this.model.invoke(messages, { signal: AbortSignal.timeout(this.config.DUBAN_LLM_TIMEOUT_MS) });
    } catch (err) {
      const e = err as { status?: number; name?: string; message?: string };
      const why = e.status
        ? `answered ${e.status}`
        : e.name === 'TimeoutError' || /abort|timeout/i.test(e.message ?? '')
          ? 'timed out'
          : `failed: ${e.message ?? err}`;
      logFailure(`${this.config.DUBAN_LLM_BASE_URL} ${why}`);
      return undefined;
    }
    const prose = (
      typeof reply.content === 'string' ? reply.content : reply.content.map((c) => ('text' in c ? c.text : '')).join('')
    ).trim();
    if (!prose || prose.includes('NOT_IN_REPORT')) return undefined;

    const known = new Map(passages.map((p) => [p.id, p]));
    const cited = [...new Set([...prose.matchAll(/\[(\d+(?:\.\d+)?)\]/g)].map((m) => m[1]!))];
    const valid = cited.filter((id) => known.has(id));
    if (!valid.length) return undefined;
    const cleaned = prose.replace(/\[(\d+(?:\.\d+)?)\]/g, (m, id: string) => (known.has(id) ? m : '')).trim();

    const allowed = new Set(figures(passages.map((p) => `${p.id} ${p.text}`).join(' ') + extractive.facts.join(' ')));
    const bare = cleaned.replace(/\[(\d+(?:\.\d+)?)\]/g, '');
    if (figures(bare).some((f) => !allowed.has(f))) {
      logFailure('it wrote a figure the passages do not hold');
      return undefined;
    }
    if (swapsFigures(bare, passages.map((p) => p.text).join('\n'))) {
      logFailure('it put a figure next to another metric than the passages do');
      return undefined;
    }

    const byId = new Map(extractive.citations.map((c) => [c.id, c]));
    const citations = valid.map(
      (id) =>
        byId.get(id) ?? {
          reportId: extractive.citations[0]!.reportId,
          id,
          title: known.get(id)!.title,
          quote: known.get(id)!.text,
        },
    );
    return { ...extractive, text: [cleaned, ...extractive.facts].join('\n'), citations, source: 'llm' };
  }
}
