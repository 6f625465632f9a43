/**
 * The one door into the core: `Bot.handle(ChatMessage) → Reply`. It parses the command, checks
 * who may do it, runs it, and answers. State changes and the remembered reply are written in
 * one transaction, so a redelivered message id gets the same reply and records nothing twice.
 * It never throws on what a user sends.
 */
import type { Answerer } from '../answer/answerer.js';
import { howGoingTopic, progressIntent } from '../answer/intent.js';
import { extractQuestion } from '../search/clean.js';
import type { Config } from '../config.js';
import type { Store } from '../store/index.js';
import type { Actor } from '../store/progress.js';
import { type Command, parseCommand } from './commands.js';
import { TEXT } from '../chat/texts.js';
import { type ChatMessage, ChatMessageSchema, type Lang, langOf, type Reply, reply } from '../chat/types.js';
import { Updates } from './updates.js';
import { Views } from './views.js';

function replayed(stored: string): Reply {
  return { ...(JSON.parse(stored) as Reply), replay: true };
}

const CHANGES_STATE = new Set<Command['name']>(['progress', 'done', 'undo', 'subscribe', 'unsubscribe']);

/** Optional parts that other modules plug in (the digest). */
export interface BotExtensions {
  digest?: (lang: Lang, channel: { platform: string; channelId: string }) => Reply;
  subscribe?: (on: boolean, channel: { platform: string; channelId: string }, by: string, lang: Lang) => Reply;
  /** Questions about the progress itself: what is behind, met, or has no update yet. */
  progress?: (intent: 'behind' | 'met' | 'no-update', lang: Lang) => Reply;
}

export class Bot {
  private readonly views: Views;
  private readonly updates: Updates;

  constructor(
    private readonly config: Pick<Config, 'DUBAN_UPDATERS' | 'DUBAN_ADMINS' | 'DUBAN_MAX_MESSAGE_CHARS' | 'DUBAN_TZ'>,
    readonly answerer: Answerer,
    readonly store: Store,
    readonly ext: BotExtensions = {},
  ) {
    this.views = new Views(answerer.reports, store.progress, config.DUBAN_TZ);
    this.updates = new Updates(answerer.reports, store, config.DUBAN_TZ);
  }

  isAdmin(userId: string): boolean {
    return this.config.DUBAN_ADMINS.includes(userId);
  }

  mayRecord(userId: string): boolean {
    return !this.config.DUBAN_UPDATERS.length || this.config.DUBAN_UPDATERS.includes(userId) || this.isAdmin(userId);
  }

  async handle(input: ChatMessage): Promise<Reply> {
    const parsed = ChatMessageSchema.safeParse(input);
    if (!parsed.success) return reply({ kind: 'error', lang: 'zh', ephemeral: true, text: [TEXT.failed.zh] });
    const msg = parsed.data;
    const by: Actor = { platform: msg.platform, userId: msg.userId, userName: msg.userName || msg.userId, channelId: msg.channelId, messageId: msg.messageId };
    const seen = msg.messageId ? this.store.handled.get(msg.platform, msg.messageId) : undefined;
    if (seen) return replayed(seen);
    const text = msg.text.trim();
    const lang = langOf(text);
    if (text.length > this.config.DUBAN_MAX_MESSAGE_CHARS) {
      this.store.audit.record(by, 'message', text, 'invalid', 'too long');
      return reply({ kind: 'invalid', lang, ephemeral: true, text: [TEXT.tooLong[lang](text.length, this.config.DUBAN_MAX_MESSAGE_CHARS)] });
    }
    if (!text) return reply({ kind: 'info', lang, text: [TEXT.empty[lang]] });
    const cmd = parseCommand(text);
    try {
      if (CHANGES_STATE.has(cmd.name)) return this.change(cmd, text, by, msg.isDirect);
      const out = await this.read(cmd, msg);
      if (msg.messageId && !this.store.handled.put(msg.platform, msg.messageId, JSON.stringify(out))) {
        return replayed(this.store.handled.get(msg.platform, msg.messageId)!);
      }
      return out;
    } catch (err) {
      if (CHANGES_STATE.has(cmd.name)) this.store.audit.record(by, cmd.name, text, 'error', String((err as Error)?.message ?? err));
      return reply({ kind: 'error', lang: cmd.lang, ephemeral: true, text: [TEXT.failed[cmd.lang]] });
    }
  }

  /** A command that changes state: permission, validation, write, audit and remembered reply in one transaction. */
  private change(cmd: Command, raw: string, by: Actor, isDirect: boolean): Reply {
    const run = this.store.db.transaction(() => {
      if (by.messageId) {
        const seen = this.store.handled.get(by.platform, by.messageId);
        if (seen) return replayed(seen);
      }
      const { reply: out, outcome, detail } = this.dispatchChange(cmd, raw, by, isDirect);
      this.store.audit.record(by, cmd.name, raw, outcome, detail);
      if (by.messageId) this.store.handled.put(by.platform, by.messageId, JSON.stringify(out));
      return out;
    });
    return run.immediate();
  }

  private dispatchChange(cmd: Command, raw: string, by: Actor, isDirect: boolean): { reply: Reply; outcome: 'ok' | 'refused' | 'invalid'; detail: string } {
    const refuse = (text: string) => ({ reply: reply({ kind: 'refused', lang: cmd.lang, ephemeral: true, text: [text] }), outcome: 'refused' as const, detail: 'not allowed' });
    switch (cmd.name) {
      case 'progress':
      case 'done':
      case 'undo': {
        if (!this.mayRecord(by.userId)) return refuse(TEXT.refused[cmd.lang]);
        if (cmd.name === 'undo') return this.updates.undo(cmd.recordId, cmd.arg, raw, by, this.isAdmin(by.userId), cmd.lang);
        return this.updates[cmd.name](cmd.ref, cmd.text, raw, by, cmd.lang);
      }
      case 'subscribe':
      case 'unsubscribe': {
        if (!this.isAdmin(by.userId)) return refuse(TEXT.adminOnly[cmd.lang]);
        if (!this.ext.subscribe) return refuse(TEXT.failed[cmd.lang]);
        const out = this.ext.subscribe(cmd.name === 'subscribe', { platform: by.platform, channelId: by.channelId }, by.userId, cmd.lang);
        return { reply: out, outcome: out.kind === 'invalid' ? 'invalid' : 'ok', detail: `${by.platform}:${by.channelId}${isDirect ? ' (direct)' : ''}` };
      }
      default:
        throw new Error(`not a state-changing command: ${cmd.name}`);
    }
  }

  /** A question about the progress itself is answered from the records, before any passage search. */
  private progressAnswer(message: string): Reply | undefined {
    const question = extractQuestion(message);
    const intent = progressIntent(question);
    if (!intent) return undefined;
    const lang = langOf(question);
    if (intent !== 'how-going') return this.ext.progress?.(intent, lang);
    // "How is the jobs target going?": the item the question is about, with its standing.
    const { hits, query } = this.answerer.judge(howGoingTopic(question));
    // Of the passages that hold the question about as well, the item whose target counts it.
    const words = query.concepts.flatMap((c) => c.alternatives);
    const counts = (h: (typeof hits)[number]) =>
      this.answerer.reports.find((r) => r.id === h.doc.reportId)?.sections.flatMap((s) => s.items).find((i) => i.id === h.doc.ref)?.targets.some((t) => t.kind === 'quantity' && words.some((w) => t.metric.includes(w)));
    const near = hits.filter((h) => h.doc.kind === 'item' && h.coverage >= 0.5 && h.coverage >= (hits[0]?.coverage ?? 0) - 0.1);
    const best = near.find(counts) ?? near[0];
    if (!best) return undefined;
    const standing = this.views.status(`${best.doc.reportId}:${best.doc.ref}`, lang);
    return { ...standing, citations: [{ reportId: best.doc.reportId, id: best.doc.ref, title: best.doc.title, quote: '' }] };
  }

  private async read(cmd: Command, msg: { platform: string; channelId: string }): Promise<Reply> {
    switch (cmd.name) {
      case 'status':
        return this.views.status(cmd.ref, cmd.lang);
      case 'history':
        return this.views.history(cmd.ref, cmd.lang);
      case 'tasks':
        return this.views.tasks(cmd.ref, cmd.lang);
      case 'help':
        return reply({ kind: 'info', lang: cmd.lang, text: [TEXT.help[cmd.lang].join('\n')] });
      case 'digest':
        return this.ext.digest ? this.ext.digest(cmd.lang, msg) : reply({ kind: 'info', lang: cmd.lang, text: [TEXT.failed[cmd.lang]] });
      case 'ask': {
        if (!cmd.question) return reply({ kind: 'info', lang: cmd.lang, text: [TEXT.empty[cmd.lang]] });
        const fromRecords = this.progressAnswer(cmd.question);
        if (fromRecords) return fromRecords;
        const a = await this.answerer.ask(cmd.question);
        return reply({ kind: a.outcome === 'not-found' ? 'not-found' : 'answer', lang: a.lang, text: [a.text], citations: a.citations });
      }
      default:
        throw new Error(`not a read command: ${cmd.name}`);
    }
  }
}
