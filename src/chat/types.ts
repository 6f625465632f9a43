/**
 * The ground floor every platform and every part of the core speaks: a ChatMessage in, a Reply
 * out, the two languages, where a message goes (a Channel) and a passage an answer rests on.
 */
import { z } from 'zod';

export type Lang = 'zh' | 'en';

export const ChatMessageSchema = z.object({
  platform: z.string().min(1),
  /** The platform's id of the message; a second delivery with the same id changes nothing. */
  messageId: z.string().min(1).optional(),
  channelId: z.string().default(''),
  /** Not blank, no control characters: an id must name someone. */
  userId: z
    .string()
    .min(1)
    .refine((id) => id.trim() !== '' && !/\p{Cc}/u.test(id), 'a user id'),
  userName: z.string().default(''),
  text: z.string(),
  threadId: z.string().optional(),
  isDirect: z.boolean().default(false),
  mentionsBot: z.boolean().default(false),
  /** People the message @-mentions (besides the bot), as the platform knows them. */
  mentions: z.array(z.object({ userId: z.string().min(1), name: z.string().default('') })).default([]),
});

/** Someone a message @-mentions. */
export type Mention = z.output<typeof ChatMessageSchema>['mentions'][number];

export type ChatMessage = z.input<typeof ChatMessageSchema>;

/** A conversation on a platform: a Slack channel, a WeChat group, a direct chat. */
export interface Channel {
  platform: string;
  channelId: string;
}

/** Sends one reply to one channel of a platform (a digest, a reminder); throws when it fails. */
export type Sender = (channel: Channel, reply: Reply) => Promise<void>;

/** A passage of the report an answer rests on. */
export interface Citation {
  /** `4.3` (an item) or `4` (a section). */
  id: string;
  reportId: string;
  title: string;
  /** The report's own words. */
  quote: string;
}

/** A completion bar: `4.3#1 领军人才及团队 ▓▓▓▓▓░░░░░ 48%`. */
export interface ProgressBar {
  label: string;
  percent: number;
  detail?: string;
}

/** A platform-neutral reply; each adapter renders it its own way. */
export interface Reply {
  kind: 'answer' | 'not-found' | 'recorded' | 'status' | 'info' | 'invalid' | 'refused' | 'error';
  lang: Lang;
  title?: string;
  /** Paragraphs; `**bold**` marks what matters (targets, values). */
  text: string[];
  bars: ProgressBar[];
  citations: Citation[];
  /** What the user might send next. */
  hints: string[];
  /** Meant for the sender alone (errors, refusals). */
  ephemeral: boolean;
  /** This message id was handled before; this is the reply it got then (adapters do not send it again). */
  replay?: boolean;
  /** A file sent with the reply (a workbook); a platform that cannot send one says so in the text. */
  file?: Attachment;
  /**
   * Items offered when a question is asked back, numbered in the text as well: a platform with
   * buttons shows one a choice, which sends `send` (the number) back as the user's message.
   */
  choices?: { label: string; send: string }[];
}

/** A file a reply carries. */
export interface Attachment {
  name: string;
  data: Buffer;
  title?: string;
  /** The command that makes the same file, for where it cannot be sent. */
  command?: string;
}

/** A reply with defaults filled in. */
export function reply(r: Partial<Reply> & Pick<Reply, 'kind' | 'lang'>): Reply {
  return { text: [], bars: [], citations: [], hints: [], ephemeral: false, ...r };
}

/**
 * Chinese grammar in a message that mixes in English words ("今年的talent policy有啥"): a sentence
 * in Chinese, whatever share of it is English. An English sentence quoting a Chinese term ("What
 * does the report say about 河长制?") has none.
 */
const CHINESE_GRAMMAR = /[的了吗呢啥吧么哪]|有没有|是不是|怎么|什么|多少|如何|能不能|要不要/;

/**
 * The language of a text: Chinese when Chinese characters are not far outnumbered by Latin
 * letters, or when Chinese grammar holds the English words together; English otherwise.
 */
export function langOf(text: string): Lang {
  const han = (text.match(/[\u3400-\u9fff]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  if (latin <= han * 2) return 'zh';
  return han >= 3 && CHINESE_GRAMMAR.test(text) ? 'zh' : 'en';
}
