/** What every platform adapter offers the rest of duban (like Bolt's Receiver: start, stop, and one way out). */
import type { Reply } from '../chat/types.js';
import type { Channel } from '../store/digest.js';

export interface Adapter {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Send a reply to a channel unprompted (the digest). Throws when it cannot. */
  send(channel: Channel, reply: Reply): Promise<void>;
}
