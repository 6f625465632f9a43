/**
 * What a platform adapter gets and gives. It gets a narrow port — handle a message, the little
 * state adapters keep, a log — never the bot or the store; it gives start, stop, and one way out
 * (like Bolt's Receiver). Each platform registers itself in `registry.ts` with its own settings.
 */
import type { z } from 'zod';
import type { ChatPort } from '../bot/port.js';
import type { Channel, ChatMessage, Reply } from '../chat/types.js';

export type { ChatPort } from '../bot/port.js';

export interface Adapter {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Send a reply to a channel unprompted (the digest). Throws when it cannot. */
  send(channel: Channel, reply: Reply): Promise<void>;
  /** Resolves once nothing is queued or in flight: every message taken in has been answered or dropped. */
  idle(): Promise<void>;
}

/** A chat platform: its settings (read from the environment with zod) and how to open it. */
export interface Platform<S = unknown> {
  name: string;
  settings: z.ZodType<S>;
  /** Whether the settings turn the platform on. */
  enabled(settings: S): boolean;
  /** One login at a time (a WeChat account): run by the leader of several processes only. */
  leaderOnly?: boolean;
  /** Open the adapter; heavy platform modules are imported here, only when the platform is on. */
  open(port: ChatPort, settings: S): Promise<Adapter>;
}

/**
 * One turn of a conversation, the same on every platform: the message through the core, a
 * replayed delivery left unanswered, the reply delivered (the platform renders and paces it).
 */
export async function turn(
  port: ChatPort,
  message: ChatMessage,
  deliver: (reply: Reply) => Promise<void>,
): Promise<Reply> {
  const reply = await port.handle(message);
  if (!reply.replay) await deliver(reply);
  return reply;
}
