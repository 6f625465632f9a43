/**
 * A numbered reply to a question the bot asked back (`1`, `2`, `第二个`, `二`, `the second one`),
 * and what waits for it: the question and the items offered, kept in the store for the person who
 * asked, in the place they asked, for ten minutes — so any process may take the reply.
 */
import { z } from 'zod';
import type { PendingKey } from '../store/types.js';

/** How long a choice offered waits for its number. */
export const CHOICE_WITHIN_MS = 10 * 60 * 1000;

/** The question asked back and the items offered, best first, as kept in the store. */
export const PendingChoice = z.object({
  question: z.string(),
  lang: z.enum(['zh', 'en']),
  choices: z.array(z.object({ reportId: z.string(), id: z.string(), title: z.string() })),
});
export type PendingChoice = z.infer<typeof PendingChoice>;

/** A kept choice, or undefined when what was kept is not one (written by another version of duban). */
export function readChoice(stored: string): PendingChoice | undefined {
  try {
    return PendingChoice.parse(JSON.parse(stored));
  } catch {
    return undefined;
  }
}

/** Where a choice waits: the person who asked, in the place they asked. */
export function choiceKey(by: { platform: string; channelId: string; userId: string }): PendingKey {
  return { platform: by.platform, channelId: by.channelId, userId: by.userId, kind: 'choice' };
}

const CHINESE: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3 };
const ENGLISH: Record<string, number> = { one: 1, first: 1, two: 2, second: 2, three: 3, third: 3 };

/** The number a message picks (1–9), or undefined when it is anything else than a pick. */
export function choiceNumber(text: string): number | undefined {
  const t = text
    .trim()
    .toLowerCase()
    .replace(/[\s。.!！?？,，]+$/u, '');
  const zh = /^(?:选|选择)?\s*第?\s*([1-9]|[一二两三])\s*(?:个|项|条|号)?$/u.exec(t);
  if (zh) return CHINESE[zh[1]!] ?? Number(zh[1]);
  const en = /^(?:#|no\.?\s*|number\s+|option\s+)?([1-9])$/.exec(t);
  if (en) return Number(en[1]);
  const word = /^(?:the\s+)?(one|first|two|second|three|third)(?:\s+one)?$/.exec(t);
  return word ? ENGLISH[word[1]!] : undefined;
}
