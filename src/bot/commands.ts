/**
 * The command table: for each command, its words in Chinese and English, who may run it, whether
 * it changes state, how its argument is read, and what it does. A new command is one entry here
 * (the compiler checks every name has one) plus its texts in the catalog.
 *
 * Command words work with or without a leading `/` or `#`. A Chinese word without the prefix is a
 * command only when a space, a reference or the end follows it, so "进展如何" stays a question.
 */

import { qualify } from '../chat/ids.js';
import { TEXT } from '../chat/texts.js';
import type { Channel, Lang, Mention, Reply } from '../chat/types.js';
import { langOf, reply } from '../chat/types.js';
import type { FollowUp } from '../followup/service.js';
import { type PeriodArgError, type PeriodKind, type PeriodRequest, parsePeriodArgs } from '../periodic/period.js';
import type { Actor, Repositories } from '../store/types.js';
import type { Result, Updates } from './updates.js';
import type { Views } from './views.js';

export type Command =
  | { name: 'progress'; lang: Lang; ref: string; text: string }
  | { name: 'done'; lang: Lang; ref: string; text: string }
  | { name: 'status'; lang: Lang; ref: string }
  | { name: 'history'; lang: Lang; ref: string }
  | { name: 'undo'; lang: Lang; recordId?: number; arg: string }
  | { name: 'edit'; lang: Lang; recordId?: number; text: string }
  | { name: 'whoami'; lang: Lang }
  | { name: 'confirm'; lang: Lang }
  | { name: 'tasks'; lang: Lang; ref: string }
  | { name: 'help'; lang: Lang }
  | { name: 'digest'; lang: Lang }
  | { name: 'subscribe'; lang: Lang }
  | { name: 'unsubscribe'; lang: Lang }
  | { name: 'ask'; lang: Lang; question: string }
  | { name: 'dashboard'; lang: Lang }
  | { name: 'owner'; lang: Lang; ref: string; text: string }
  | { name: 'unit'; lang: Lang; ref: string; text: string }
  | { name: 'owners'; lang: Lang; ref: string }
  | { name: 'mine'; lang: Lang }
  | { name: 'remind'; lang: Lang; ref: string }
  | { name: 'snooze'; lang: Lang; ref: string; text: string }
  | { name: 'weekly'; lang: Lang; request: PeriodRequest | PeriodArgError }
  | { name: 'monthly'; lang: Lang; request: PeriodRequest | PeriodArgError }
  | { name: 'export'; lang: Lang; request: PeriodRequest | PeriodArgError };

type Name = Command['name'];
type Of<N extends Name> = Extract<Command, { name: N }>;

export type { Result } from './updates.js';

/** Optional parts that other modules plug in (the digest). */
export interface BotExtensions {
  digest?: (lang: Lang, channel: Channel) => Promise<Reply>;
  subscribe?: (on: boolean, channel: Channel, by: string, lang: Lang) => Promise<Reply>;
  /** Questions about the progress itself: what is behind, met, or has no update yet (the first few, or `all`). */
  progress?: (intent: 'behind' | 'met' | 'no-update', lang: Lang, all: boolean) => Promise<Reply>;
  /** 督办: owners, reminders, snoozes. */
  followUp?: FollowUp;
  /** A link to the dashboard, signed and expiring when a token guards it. */
  dashboard?: () => { url: string; expires?: Date };
  /** Weekly and monthly reports, and the workbook. */
  periodic?: {
    chat(kind: PeriodKind, request: PeriodRequest | PeriodArgError, lang: Lang): Promise<Reply>;
    export(request: PeriodRequest | PeriodArgError, lang: Lang): Promise<Reply>;
  };
}

/** What a command runs with. */
export interface CommandContext {
  by: Actor;
  isDirect: boolean;
  /** The message as typed. */
  raw: string;
  /** People it @-mentions besides the bot. */
  mentions: Mention[];
  isAdmin: boolean;
  mayRecord: boolean;
  /** The running unit of work for commands that change state; the store for the others. */
  repos: Repositories;
  views: Views;
  updates: Updates;
  ext: BotExtensions;
  /** A question, answered from the records or the report. */
  answer(question: string, lang: Lang): Promise<Reply>;
}

export interface CommandSpec<N extends Name> {
  words: { zh: string[]; en: string[] };
  /** anyone; updater: those in DUBAN_UPDATERS (or everyone when it is empty) and admins; admin. */
  who: 'anyone' | 'updater' | 'admin';
  /** Runs in one transaction with its audit entry and remembered reply. */
  changes: boolean;
  parse(arg: string, lang: Lang): Of<N>;
  /** Whether what follows the word is this command's argument ("remind me…" is a question, not `remind 4.3`). */
  accepts?(arg: string): boolean;
  run(ctx: CommandContext, cmd: Of<N>): Promise<Result>;
}

/** A record number as written, or undefined when no record can have it (`99999999999999999999`). */
const recordNumber = (digits: string): number | undefined => {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : undefined;
};

const ok = (r: Reply): Result => ({ reply: r, outcome: 'ok', detail: '' });

/** A reference at the start of a text: `4.3`, `4-3#2`, `（四）三`, `cixi-2015:4.3`. */
const N = '(?:\\d+|[一二三四五六七八九十]+)';
const LEADING_REF = new RegExp(
  [
    '^(?:[\\w-]+(?:\\.[\\w-]+)*:)?', // a report: cixi-2015:
    '(?:第)?',
    // （四）三, 4.3, 四-3; "4 -1" is an item and a negative number, not 4-1
    `(?:[(（]${N}[)）](?:\\s*${N})?|${N}(?:部分)?(?:\\s*[.．、·]\\s*${N}|[\\-－]${N})?)`,
    '(?:项)?',
    '(?:\\s*[#＃]\\s*\\d+)?', // a target: #2
  ].join(''),
);

/** Split `REF rest` into the reference and the rest; a title part ends at the first space. */
export function splitRef(text: string): { ref: string; rest: string } {
  const t = text.trim();
  const m = LEADING_REF.exec(t);
  const end = m?.[0].length ?? 0;
  if (m?.[0] && (t.length === end || /[\s\p{Script=Han}+＋,，:：]/u.test(t[end]!) || /^[(（]/.test(m[0]))) {
    return { ref: m[0].replace(/\s+/g, ''), rest: t.slice(end).replace(/^[\s,，:：]+/, '') };
  }
  const space = t.search(/\s/);
  return space < 0 ? { ref: t, rest: '' } : { ref: t.slice(0, space), rest: t.slice(space + 1).trim() };
}

const withRef =
  <N extends 'progress' | 'done' | 'owner' | 'unit' | 'snooze'>(name: N) =>
  (arg: string, lang: Lang) => {
    const { ref, rest } = splitRef(arg);
    return { name, lang, ref, text: rest } as Of<N>;
  };

const refOnly =
  <N extends 'status' | 'history' | 'tasks' | 'owners' | 'remind'>(name: N) =>
  (arg: string, lang: Lang) =>
    ({ name, lang, ref: arg }) as Of<N>;

const bare =
  <N extends 'help' | 'digest' | 'subscribe' | 'unsubscribe' | 'dashboard'>(name: N) =>
  (_arg: string, lang: Lang) =>
    ({ name, lang }) as Of<N>;

export const COMMANDS = {
  progress: {
    words: { zh: ['进展'], en: ['progress'] },
    who: 'updater',
    changes: true,
    parse: withRef('progress'),
    run: (ctx, cmd) => ctx.updates.progress(ctx.repos, cmd.ref, cmd.text, ctx.raw, ctx.by, cmd.lang),
  },
  done: {
    words: { zh: ['完成'], en: ['done'] },
    who: 'updater',
    changes: true,
    parse: withRef('done'),
    run: (ctx, cmd) => ctx.updates.done(ctx.repos, cmd.ref, cmd.text, ctx.raw, ctx.by, cmd.lang),
  },
  undo: {
    words: { zh: ['撤销', '撤回', '删除'], en: ['undo', 'delete'] },
    who: 'updater',
    changes: true,
    parse: (arg, lang) => ({
      name: 'undo',
      lang,
      arg,
      recordId: /^#?\d+$/.test(arg) ? recordNumber(arg.replace('#', '')) : undefined,
    }),
    run: (ctx, cmd) => ctx.updates.undo(ctx.repos, cmd.recordId, cmd.arg, ctx.raw, ctx.by, ctx.isAdmin, cmd.lang),
  },
  edit: {
    words: { zh: ['修改', '更正'], en: ['edit', 'correct'] },
    who: 'updater',
    changes: true,
    parse: (arg, lang) => {
      const m = /^[#＃]?(\d+)\s+(.+)$/.exec(arg);
      return { name: 'edit', lang, recordId: m ? recordNumber(m[1]!) : undefined, text: m?.[2] ?? arg };
    },
    run: (ctx, cmd) => ctx.updates.edit(ctx.repos, cmd.recordId, cmd.text, ctx.raw, ctx.by, ctx.isAdmin, cmd.lang),
  },
  confirm: {
    words: { zh: ['是', '是的', '对', '确认', '确定'], en: ['yes', 'confirm'] },
    who: 'updater',
    changes: true,
    parse: (_arg, lang) => ({ name: 'confirm', lang }),
    run: (ctx, cmd) => ctx.updates.confirm(ctx.repos, ctx.by, cmd.lang),
  },
  whoami: {
    words: { zh: ['我是谁'], en: ['whoami'] },
    who: 'anyone',
    changes: false,
    parse: (_arg, lang) => ({ name: 'whoami', lang }),
    run: async (ctx, cmd) => {
      const role = ctx.isAdmin ? 'admin' : ctx.mayRecord ? 'updater' : 'reader';
      const text = TEXT.whoami[cmd.lang](qualify(ctx.by.platform, ctx.by.userId), role);
      return ok(reply({ kind: 'info', lang: cmd.lang, ephemeral: true, text: [text] }));
    },
  },
  subscribe: {
    words: { zh: ['订阅'], en: ['subscribe'] },
    who: 'admin',
    changes: true,
    parse: bare('subscribe'),
    run: (ctx, cmd) => subscription(ctx, true, cmd.lang),
  },
  unsubscribe: {
    words: { zh: ['取消订阅'], en: ['unsubscribe'] },
    who: 'admin',
    changes: true,
    parse: bare('unsubscribe'),
    run: (ctx, cmd) => subscription(ctx, false, cmd.lang),
  },
  dashboard: {
    words: { zh: ['看板'], en: ['dashboard'] },
    who: 'admin',
    changes: false,
    parse: bare('dashboard'),
    run: async (ctx, cmd) => {
      const link = ctx.ext.dashboard?.();
      if (!link) return ok(reply({ kind: 'info', lang: cmd.lang, text: [TEXT.failed[cmd.lang]] }));
      // The link opens the dashboard for an hour: for the admin who asked, not the whole group.
      const text = TEXT.dashboardLink[cmd.lang](link.url, Boolean(link.expires));
      return ok(reply({ kind: 'info', lang: cmd.lang, ephemeral: true, text: [text] }));
    },
  },
  status: {
    words: { zh: ['状态', '进度'], en: ['status'] },
    who: 'anyone',
    changes: false,
    parse: refOnly('status'),
    run: async (ctx, cmd) => ok(await ctx.views.status(cmd.ref, cmd.lang)),
  },
  history: {
    words: { zh: ['历史'], en: ['history'] },
    who: 'anyone',
    changes: false,
    parse: refOnly('history'),
    run: async (ctx, cmd) => ok(await ctx.views.history(cmd.ref, cmd.lang)),
  },
  tasks: {
    words: { zh: ['任务'], en: ['tasks'] },
    who: 'anyone',
    changes: false,
    parse: refOnly('tasks'),
    run: async (ctx, cmd) => ok(ctx.views.tasks(cmd.ref, cmd.lang)),
  },
  help: {
    words: { zh: ['帮助'], en: ['help'] },
    who: 'anyone',
    changes: false,
    parse: bare('help'),
    run: async (_ctx, cmd) => ok(reply({ kind: 'info', lang: cmd.lang, text: [TEXT.help[cmd.lang].join('\n')] })),
  },
  digest: {
    words: { zh: ['汇总'], en: ['digest'] },
    who: 'anyone',
    changes: false,
    parse: bare('digest'),
    run: async (ctx, cmd) =>
      ok(
        ctx.ext.digest
          ? await ctx.ext.digest(cmd.lang, { platform: ctx.by.platform, channelId: ctx.by.channelId })
          : reply({ kind: 'info', lang: cmd.lang, text: [TEXT.failed[cmd.lang]] }),
      ),
  },
  ask: {
    words: { zh: ['问'], en: ['ask'] },
    who: 'anyone',
    changes: false,
    parse: (arg) => ({ name: 'ask', lang: langOf(arg), question: arg }),
    run: async (ctx, cmd) =>
      ok(
        cmd.question
          ? await ctx.answer(cmd.question, cmd.lang)
          : reply({ kind: 'info', lang: cmd.lang, text: [TEXT.empty[cmd.lang]] }),
      ),
  },
  owner: {
    words: { zh: ['负责', '指定负责人'], en: ['owner', 'assign'] },
    who: 'admin',
    changes: true,
    // An item by number, or by title with someone named: `负责 人才 @王强`.
    accepts: (arg) => startsWithRef(arg) || /[@＠]|<@|\b[a-z]+:\S/.test(arg),
    parse: withRef('owner'),
    run: (ctx, cmd) =>
      withFollowUp(ctx, cmd.lang, (f) =>
        f.assign(ctx.repos, { ref: cmd.ref, rest: cmd.text }, ctx.mentions, ctx.by, cmd.lang),
      ),
  },
  unit: {
    words: { zh: ['牵头单位'], en: ['lead unit'] },
    who: 'admin',
    changes: true,
    parse: withRef('unit'),
    run: (ctx, cmd) =>
      withFollowUp(ctx, cmd.lang, (f) => f.setUnit(ctx.repos, { ref: cmd.ref, rest: cmd.text }, ctx.by, cmd.lang)),
  },
  owners: {
    words: { zh: ['谁负责', '负责人'], en: ['who owns', 'owners', 'owner of'] },
    who: 'anyone',
    changes: false,
    accepts: startsWithRef,
    parse: (arg, lang) => ({ name: 'owners', lang, ref: arg.replace(/[?？]$/, '').trim() }),
    run: (ctx, cmd) => withFollowUp(ctx, cmd.lang, async (f) => ok(await f.whoOwns(cmd.ref, cmd.lang))),
  },
  mine: {
    words: { zh: ['我的', '我负责的'], en: ['mine', 'my items'] },
    who: 'anyone',
    changes: false,
    accepts: (arg) => !arg,
    parse: (_arg, lang) => ({ name: 'mine', lang }),
    run: (ctx, cmd) => withFollowUp(ctx, cmd.lang, async (f) => ok(await f.mine(ctx.by, cmd.lang))),
  },
  remind: {
    words: { zh: ['提醒'], en: ['remind'] },
    who: 'admin',
    changes: false,
    accepts: startsWithRef,
    parse: refOnly('remind'),
    run: (ctx, cmd) => withFollowUp(ctx, cmd.lang, (f) => f.remindNow(cmd.ref, ctx.by, cmd.lang)),
  },
  snooze: {
    words: { zh: ['稍后提醒', '暂缓提醒'], en: ['snooze'] },
    who: 'anyone',
    changes: true,
    accepts: startsWithRef,
    parse: withRef('snooze'),
    run: (ctx, cmd) =>
      withFollowUp(ctx, cmd.lang, (f) =>
        f.snooze(ctx.repos, { ref: cmd.ref, rest: cmd.text }, ctx.by, ctx.isAdmin, cmd.lang),
      ),
  },
  weekly: {
    words: { zh: ['周报'], en: ['weekly'] },
    who: 'anyone',
    changes: false,
    accepts: periodArg,
    parse: (arg, lang) => ({ name: 'weekly', lang, request: parsePeriodArgs(arg) }),
    run: (ctx, cmd) => periodic(ctx, cmd.lang, (p) => p.chat('week', cmd.request, cmd.lang)),
  },
  monthly: {
    words: { zh: ['月报'], en: ['monthly'] },
    who: 'anyone',
    changes: false,
    accepts: periodArg,
    parse: (arg, lang) => ({ name: 'monthly', lang, request: parsePeriodArgs(arg) }),
    run: (ctx, cmd) => periodic(ctx, cmd.lang, (p) => p.chat('month', cmd.request, cmd.lang)),
  },
  export: {
    words: { zh: ['导出'], en: ['export'] },
    who: 'admin',
    changes: false,
    accepts: periodArg,
    parse: (arg, lang) => ({ name: 'export', lang, request: parsePeriodArgs(arg) }),
    run: async (ctx, cmd) => {
      const out = await periodic(ctx, cmd.lang, (p) => p.export(cmd.request, cmd.lang));
      // Data leaving the system is audited, though nothing changed.
      const outcome = out.reply.file ? 'ok' : 'invalid';
      await ctx.repos.audit.record(ctx.by, 'export', ctx.raw, outcome, out.reply.file?.name ?? '');
      return { ...out, outcome };
    },
  },
} satisfies { [N in Name]: CommandSpec<N> };

/** An argument that starts with an item reference (`4.3`, `四.3`, `4.3#1`). */
function startsWithRef(arg: string): boolean {
  return LEADING_REF.test(arg) && Boolean(LEADING_REF.exec(arg)?.[0]);
}

/** A 督办 command, when the follow-up part is plugged in. */
async function withFollowUp(ctx: CommandContext, lang: Lang, fn: (f: FollowUp) => Promise<Result>): Promise<Result> {
  if (!ctx.ext.followUp) return { reply: refusal(TEXT.failed[lang], lang), outcome: 'refused', detail: 'no follow-up' };
  return fn(ctx.ext.followUp);
}

/** A period follows `周报`, `月报`, `导出` (or one Chinese word to explain); "export the figures" is a question. */
function periodArg(arg: string): boolean {
  return !('bad' in parsePeriodArgs(arg)) || /^\p{Script=Han}+$/u.test(arg);
}

/** A weekly or monthly report, when that part is plugged in. */
async function periodic(
  ctx: CommandContext,
  lang: Lang,
  run: (p: NonNullable<BotExtensions['periodic']>) => Promise<Reply>,
): Promise<Result> {
  return ok(ctx.ext.periodic ? await run(ctx.ext.periodic) : reply({ kind: 'info', lang, text: [TEXT.failed[lang]] }));
}

async function subscription(ctx: CommandContext, on: boolean, lang: Lang): Promise<Result> {
  if (!ctx.ext.subscribe) return { reply: refusal(TEXT.failed[lang], lang), outcome: 'refused', detail: 'no digest' };
  const channel = { platform: ctx.by.platform, channelId: ctx.by.channelId };
  const out = await ctx.ext.subscribe(on, channel, ctx.by.userId, lang);
  const detail = `${ctx.by.platform}:${ctx.by.channelId}${ctx.isDirect ? ' (direct)' : ''}`;
  return { reply: out, outcome: out.kind === 'invalid' ? 'invalid' : 'ok', detail };
}

/** A refusal meant for the sender alone. */
export function refusal(text: string, lang: Lang): Reply {
  return reply({ kind: 'refused', lang, ephemeral: true, text: [text] });
}

/** Every command word with its command and language, longest first ("取消订阅" before "订阅"). */
const WORDS: [string, Name, Lang][] = (Object.keys(COMMANDS) as Name[])
  .flatMap((name) =>
    (['zh', 'en'] as const).flatMap((lang) =>
      COMMANDS[name].words[lang].map((w) => [w, name, lang] as [string, Name, Lang]),
    ),
  )
  .sort((a, b) => b[0].length - a[0].length);

/** The table entry of a command, typed by its name. */
export function specOf<N extends Name>(name: N): CommandSpec<N> {
  return COMMANDS[name] as unknown as CommandSpec<N>;
}

/** Parse one chat message's text (mentions already removed by the adapter). */
export function parseCommand(input: string): Command {
  const raw = input.trim();
  const prefixed = /^[/#＃]/.test(raw);
  const body = raw.replace(/^[/#＃]\s*/, '');
  for (const [word, name, lang] of WORDS) {
    const head = body.slice(0, word.length);
    if (lang === 'en' ? head.toLowerCase() !== word : head !== word) continue;
    const after = body.slice(word.length);
    const next = after[0];
    const boundary =
      next === undefined ||
      /\s/.test(next) ||
      (lang === 'zh' &&
        (prefixed || /[\d(（]/.test(next) || (/[一二三四五六七八九十]/.test(next) && LEADING_REF.test(after))));
    if (!boundary) continue;
    const arg = lang === 'en' ? after.trim().replace(/^(?:of|for|on)\s+/i, '') : after.trim();
    const spec = specOf(name);
    if (spec.accepts && !spec.accepts(arg)) continue;
    return spec.parse(arg, lang);
  }
  if (/^[?？]$/.test(body)) return { name: 'help', lang: 'zh' };
  return { name: 'ask', lang: langOf(body), question: body };
}
