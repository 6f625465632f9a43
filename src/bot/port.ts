/** The core as a platform adapter sees it: the bot's one door and the little state adapters keep. */
import type { ChatMessage, Reply } from '../chat/types.js';
import type { SendCountRepository, ThreadRepository } from '../store/types.js';

/** The core, as an adapter sees it. */
export interface ChatPort {
  /** One message through the core; the reply to render (a replay is marked and not sent again). */
  handle(message: ChatMessage): Promise<Reply>;
  threads: ThreadRepository;
  sends: SendCountRepository;
  /** The configured time zone, for per-day counts. */
  tz: string;
  /** Where the adapter may keep files of its own (a WeChat login). */
  dataDir: string;
  log(line: string): void;
}
