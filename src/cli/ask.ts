/** `duban ask [--json] QUESTION` — and `duban ask -` for one question a line from stdin. */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { Answerer } from '../answer/answerer.js';
import { openAnswerPath } from '../answer/open.js';
import { type Answer, plain } from '../answer/types.js';
import { renderMarkup } from '../chat/markup.js';
import { ANSI } from '../chat/render.js';
import { loadConfig } from '../config.js';

function asJson(a: Answer): string {
  return JSON.stringify({
    question: a.question,
    found: a.found,
    outcome: a.outcome,
    answer: plain(a.text),
    citations: a.citations.map((c) => ({ id: c.id, title: c.title, quote: c.quote })),
    lang: a.lang,
    // Asked back: the items offered, best first (the contract adds them only then).
    ...(a.outcome === 'clarify' ? { choices: a.choices.map((c) => ({ id: c.id, title: c.title })) } : {}),
  });
}

function asText(a: Answer, tty: boolean): string {
  return tty ? renderMarkup(a.text, ANSI) : plain(a.text);
}

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true });
  const question = positionals.join(' ').trim();
  if (!question) {
    process.stderr.write('Usage: duban ask [--json] QUESTION   (or "-" to read one question a line from stdin)\n');
    return 2;
  }
  // The store is opened too, so answers show the latest recorded progress; the bot is not needed.
  const { answerer, store } = await openAnswerPath(loadConfig(), { verify: false });
  try {
    return await respond(answerer, question, Boolean(values.json));
  } finally {
    await store.close();
  }
}

async function respond(answerer: Answerer, question: string, json: boolean): Promise<number> {
  if (question === '-') {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      if (!line.trim()) continue;
      process.stdout.write(`${asJson(await answerer.ask(line))}\n`);
    }
    return 0;
  }
  const answer = await answerer.ask(question);
  process.stdout.write(json ? `${asJson(answer)}\n` : `${asText(answer, Boolean(process.stdout.isTTY))}\n`);
  return 0;
}
