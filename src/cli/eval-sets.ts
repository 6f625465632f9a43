/**
 * The labelled question sets `duban eval` asks: where they are, how each is read (one JSON
 * question a line), which questions are held out from tuning, and the chat noise a question is
 * asked in a second time.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { PROJECT_ROOT } from '../config.js';

export const Question = z.object({
  q: z.string().min(1),
  lang: z.enum(['zh', 'en']),
  gold: z.array(z.string()),
  must_any: z.array(z.string()).optional(),
  negative: z.boolean().optional(),
  kind: z.string().optional(),
});
export type Question = z.infer<typeof Question>;

/** Share of each set held out from tuning, chosen by a hash of the question so it never moves. */
const HELD_OUT_SHARE = 0.3;

export function heldOut(file: string, q: string): boolean {
  if (/heldout/i.test(basename(file))) return true;
  return createHash('sha256').update(q).digest()[0]! / 256 < HELD_OUT_SHARE;
}

/** The sets asked by default: the project's own, and the shared ones when they are there. */
export function defaultFiles(): string[] {
  const dirs = [resolve(PROJECT_ROOT, 'eval'), resolve(PROJECT_ROOT, '../shared/eval')];
  return dirs
    .filter((d) => existsSync(d))
    .flatMap((d) =>
      readdirSync(d)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => resolve(d, f)),
    );
}

export function readSet(file: string): Question[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      let parsed: ReturnType<typeof Question.safeParse>;
      try {
        parsed = Question.safeParse(JSON.parse(l));
      } catch {
        throw new SetError(`${file}:${i + 1}: not JSON`);
      }
      if (!parsed.success)
        throw new SetError(
          `${file}:${i + 1}: ${parsed.error.issues[0]!.path.join('.')} ${parsed.error.issues[0]!.message}`,
        );
      return parsed.data;
    });
}

export class SetError extends Error {}

/** A small seeded generator, so the noisy variant is the same on every run. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const NOISE = {
  zh: {
    before: [
      '@督办 ',
      '@督办 你好，',
      '各位好！',
      '领导好，麻烦问下，',
      '请问一下',
      '<@U0BOT> ',
      '在吗？',
      '大家早上好☀️ 想确认一下，',
      '帮忙查下：',
      '你好 ',
    ],
    after: [
      '谢谢🙏',
      '？？？',
      ' 辛苦了👍',
      '。在线等，急',
      '。。。',
      '，谢谢！',
      '🙏🙏',
      ' 麻烦了',
      '？明天开会要用。',
      '',
    ],
  },
  en: {
    before: [
      '@duban ',
      'Hi all, ',
      'Hello 👋 quick one: ',
      '<@U0BOT> ',
      'Sorry to bother, ',
      'Hey team. ',
      'Good morning! ',
    ],
    after: [' thanks!', ' thx 🙏', '??', ' Much appreciated.', '? Need it for a meeting.', ''],
  },
};

/** The question as someone might send it in a work group. */
export function noisy(q: Question, rand: () => number): string {
  const n = NOISE[q.lang];
  const pick = (xs: string[]) => xs[Math.floor(rand() * xs.length)]!;
  return `${pick(n.before)}${q.q}${pick(n.after)}`;
}
