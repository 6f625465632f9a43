/**
 * The one door into the core: `Bot.handle(ChatMessage) → Reply`. It parses the command, checks
 * who may run it (as the command table says), runs it, and answers. A command that changes state
 * runs in one unit of work with its audit entry and the remembered reply, so a redelivered
 * message id gets the same reply and records nothing twice. A question asked back waits for its
 * asker's number (choice.ts). It never throws on what a user sends.
 */
import type { Answerer } from '../answer/answerer.js';
import { asksForAll, howGoingTopic, progressIntent } from '../answer/intent.js';
import type { Answer } from '../answer/types.js';
import { qualify } from '../chat/ids.js';
import { TEXT } from '../chat/texts.js';
import {
  type ChatMessage,
  ChatMessageSchema,
  type Lang,
  langOf,
  type Mention,
  type Reply,
  reply,
} from '../chat/types.js';
import type { Config } from '../config.js';
import type { Standings } from '../progress/standing.js';
import { extractQuestion } from '../search/clean.js';
import type { Actor, Repositories, Store } from '../store/types.js';
import { CHOICE_WITHIN_MS, choiceKey, choiceNumber, type PendingChoice, readChoice } from './choice.js';
import {
  type BotExtensions,
  type Command,
  type CommandContext,
  parseCommand,
  type Result,
  refusal,
  specOf,
} from './commands.js';
import { Updates } from './updates.js';
import { Views } from './views.js';

export type { BotExtensions } from './commands.js';

/** A reply as kept for a redelivery: without the bytes of a file (a replay is not sent again). */
function remembered(r: Reply): string {
  return JSON.stringify({ ...r, file: undefined });
}

function replayed(stored: string): Reply {
  return { ...(JSON.parse(stored) as Reply), replay: true };
}

type Access = Pick<Config, 'DUBAN_UPDATERS' | 'DUBAN_ADMINS' | 'DUBAN_MAX_MESSAGE_CHARS' | 'DUBAN_TZ'>;

export class Bot {
  private readonly views: Views;
  private readonly updates: Updates;

  constructor(
    private readonly config: Access,
    readonly answerer: Answerer,
    private readonly store: Store,
    standings: Standings,
    private readonly ext: BotExtensions = {},
    now: () => Date = () => new Date(),
    private readonly log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {
    this.views = new Views(
      answerer.reports,
      store.progress,
      standings,
      config.DUBAN_TZ,
      store.owners,
      answerer.english,
    );
    this.updates = new Updates(answerer.reports, config.DUBAN_TZ, now);
  }

  private readonly failures = new Map<string, number>();

  /** A command that failed, logged once per kind of failure and again at 10, 100, 1000… with the count. */
  private failed(command: string, why: string): void {
    const kind = `${command}: ${why.slice(0, 200)}`;
    const n = (this.failures.get(kind) ?? 0) + 1;
    this.failures.set(kind, n);
    if (n === 1 || Number.isInteger(Math.log10(n))) this.log(`duban: "${command}" failed (${n}×): ${why}`);
  }

  /** Whether a person (on a platform) is an admin: ids are compared with their platform. */
  isAdmin(by: Pick<Actor, 'platform' | 'userId'>): boolean {
    return this.config.DUBAN_ADMINS.includes(qualify(by.platform, by.userId));
  }

  mayRecord(by: Pick<Actor, 'platform' | 'userId'>): boolean {
    const { DUBAN_UPDATERS: updaters } = this.config;
    return !updaters.length || updaters.includes(qualify(by.platform, by.userId)) || this.isAdmin(by);
  }

  async handle(input: ChatMessage): Promise<Reply> {
    const parsed = ChatMessageSchema.safeParse(input);
    if (!parsed.success) return reply({ kind: 'error', lang: 'zh', ephemeral: true, text: [TEXT.failed.zh] });
    const msg = parsed.data;
    const by: Actor = {
      platform: msg.platform,
      userId: msg.userId,
      userName: msg.userName || msg.userId,
      channelId: msg.channelId,
      messageId: msg.messageId,
    };
    const seen = msg.messageId ? await this.store.handled.get(msg.platform, msg.messageId) : undefined;
    if (seen) return replayed(seen);
    const text = msg.text.trim();
    const lang = langOf(text);
    if (text.length > this.config.DUBAN_MAX_MESSAGE_CHARS) {
      await this.store.audit.record(by, 'message', text, 'invalid', 'too long');
      const tooLong = TEXT.tooLong[lang](text.length, this.config.DUBAN_MAX_MESSAGE_CHARS);
      return reply({ kind: 'invalid', lang, ephemeral: true, text: [tooLong] });
    }
    // A bare mention or an empty `/duban` asks what the bot can do.
    if (!text) return reply({ kind: 'info', lang, text: [TEXT.help[lang].join('\n')] });
    const cmd = parseCommand(text);
    const spec = specOf(cmd.name);
    try {
      const picked = await this.picked(text, by);
      if (picked) return await this.once(by, picked);
      if (spec.changes) return await this.change(cmd, text, by, msg.isDirect, msg.mentions);
      return await this.once(by, (await this.run(cmd, text, by, msg.isDirect, this.store, msg.mentions)).reply);
    } catch (err) {
      const why = String((err as Error)?.message ?? err);
      this.failed(cmd.name, why);
      await this.store.audit.record(by, cmd.name, text, 'error', why).catch(() => undefined);
      return reply({ kind: 'error', lang: cmd.lang, ephemeral: true, text: [TEXT.failed[cmd.lang]] });
    }
  }

  /** A reply remembered for its message id: a redelivery that raced this one gets the reply that was kept. */
  private async once(by: Actor, out: Reply): Promise<Reply> {
    if (by.messageId && !(await this.store.handled.put(by.platform, by.messageId, remembered(out)))) {
      return replayed((await this.store.handled.get(by.platform, by.messageId))!);
    }
    return out;
  }

  /**
   * A number picking one of the items a question was asked back with, by the same person in the
   * same place within ten minutes: the answer from that item. Anything else (no choice waiting,
   * too late, a number not offered) is read as an ordinary message.
   */
  private async picked(text: string, by: Actor): Promise<Reply | undefined> {
    const n = choiceNumber(text);
    if (!n) return undefined;
    const stored = await this.store.pending.take(choiceKey(by), CHOICE_WITHIN_MS);
    const waiting = stored ? readChoice(stored) : undefined;
    if (!waiting) return undefined;
    const choice = waiting.choices[n - 1];
    if (!choice) {
      // A number past the choices is a slip: the choice keeps waiting, and the reply says what to send.
      await this.store.pending.put(choiceKey(by), stored!);
      const k = waiting.choices.length;
      return reply({ kind: 'invalid', lang: waiting.lang, text: [TEXT.choiceOutOfRange[waiting.lang](k)] });
    }
    return this.answerReply(await this.answerer.choose(waiting.question, choice));
  }

  /** A command that changes state: permission, validation, write, audit and remembered reply in one unit of work. */
  private change(cmd: Command, raw: string, by: Actor, isDirect: boolean, mentions: Mention[]): Promise<Reply> {
    return this.store.transaction(async (tx) => {
      if (by.messageId) {
        const seen = await tx.handled.get(by.platform, by.messageId);
        if (seen) return replayed(seen);
      }
      const { reply: out, outcome, detail } = await this.run(cmd, raw, by, isDirect, tx, mentions);
      await tx.audit.record(by, cmd.name, raw, outcome, detail);
      if (by.messageId) await tx.handled.put(by.platform, by.messageId, remembered(out));
      return out;
    });
  }

  /** Check who may run the command, then run it from the table. */
  private run(
    cmd: Command,
    raw: string,
    by: Actor,
    isDirect: boolean,
    repos: Repositories,
    mentions: Mention[] = [],
  ): Promise<Result> {
    const spec = specOf(cmd.name);
    const isAdmin = this.isAdmin(by);
    const allowed = spec.who === 'anyone' || (spec.who === 'admin' ? isAdmin : this.mayRecord(by));
    if (!allowed) {
      const text = spec.who === 'admin' ? TEXT.adminOnly[cmd.lang] : TEXT.refused[cmd.lang];
      return Promise.resolve({ reply: refusal(text, cmd.lang), outcome: 'refused', detail: 'not allowed' });
    }
    const ctx: CommandContext = {
      by,
      isDirect,
      raw,
      mentions,
      isAdmin,
      mayRecord: this.mayRecord(by),
      repos,
      views: this.views,
      updates: this.updates,
      ext: this.ext,
      answer: (question) => this.answer(question, by),
    };
    return spec.run(ctx, cmd as never);
  }

  /**
   * A question: about the progress itself from the records, else from the report. Asked back, the
   * items offered wait for the asker's number.
   */
  private async answer(question: string, by: Actor): Promise<Reply> {
    const fromRecords = await this.progressAnswer(question);
    if (fromRecords) return fromRecords;
    const a = await this.answerer.ask(question);
    if (a.outcome === 'clarify') {
      const waiting: PendingChoice = {
        question,
        lang: a.lang,
        choices: a.choices.map(({ reportId, id, title }) => ({ reportId, id, title })),
      };
      await this.store.pending.put(choiceKey(by), JSON.stringify(waiting));
    }
    return this.answerReply(a);
  }

  private answerReply(a: Answer): Reply {
    const kind = a.outcome === 'not-found' ? 'not-found' : 'answer';
    // A button holds the id and title; the text above it has the gist too.
    const choices = a.choices.map((c, i) => ({ label: `${i + 1}. ${c.id} ${c.title}`, send: String(i + 1) }));
    return reply({
      kind,
      lang: a.lang,
      text: [a.text],
      citations: a.citations,
      ...(choices.length ? { choices } : {}),
    });
  }

  /** A question about the progress itself is answered from the records, before any passage search. */
  private async progressAnswer(message: string): Promise<Reply | undefined> {
    const question = extractQuestion(message);
    const intent = progressIntent(question);
    if (!intent) return undefined;
    const lang: Lang = langOf(question);
    if (intent !== 'how-going') return this.ext.progress?.(intent, lang, asksForAll(question));
    // "How is the jobs target going?": the item the question is about, with its standing.
    const { hits, query } = await this.answerer.judge(howGoingTopic(question));
    // Of the passages that hold the question about as well, the item whose target counts it.
    const words = query.concepts.flatMap((c) => c.alternatives);
    const counts = (h: (typeof hits)[number]) =>
      this.answerer.reports
        .find((r) => r.id === h.doc.reportId)
        ?.sections.flatMap((s) => s.items)
        .find((i) => i.id === h.doc.ref)
        ?.targets.some((t) => t.kind === 'quantity' && words.some((w) => t.metric.includes(w)));
    const top = hits[0]?.coverage ?? 0;
    const near = hits.filter((h) => h.doc.kind === 'item' && h.coverage >= 0.5 && h.coverage >= top - 0.1);
    const best = near.find(counts) ?? near[0];
    if (!best) return undefined;
    const standing = await this.views.status(`${best.doc.reportId}:${best.doc.ref}`, lang);
    return {
      ...standing,
      citations: [{ reportId: best.doc.reportId, id: best.doc.ref, title: best.doc.title, quote: '' }],
    };
  }
}
