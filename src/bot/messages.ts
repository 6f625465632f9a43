/** What the bot says, in Chinese and English. One place, so the two stay in step. */
import { formatNumber } from '../report/format.js';
import type { Target } from '../report/types.js';
import type { Problem } from '../progress/plan.js';
import type { Lang } from './types.js';

export function targetPhrase(t: Target, lang: Lang): string {
  if (t.kind === 'milestone') return lang === 'zh' ? `里程碑：${t.text}` : `milestone: ${t.text}`;
  const cmp = t.comparator === '>=' ? (lang === 'zh' ? '≥' : 'at least ') : t.comparator === '<=' ? (lang === 'zh' ? '≤' : 'at most ') : '';
  return `${t.metric} ${cmp}${formatNumber(t.value)}${t.unit}`;
}

const EXAMPLE = { zh: '进展 4.3 已引进领军人才及团队12个', en: 'progress 4.3 12' };

/** "What was wrong, and what to type instead" for a progress or done command. */
export function problemText(p: Problem, lang: Lang, verb: 'progress' | 'done'): string {
  const zh = lang === 'zh';
  const cmd = zh ? (verb === 'progress' ? '进展' : '完成') : verb;
  switch (p.problem) {
    case 'no-ref':
      return zh ? `请写明是哪一项，例如：${verb === 'progress' ? EXAMPLE.zh : '完成 5.2#2'}` : `Say which item, for example: ${verb === 'progress' ? EXAMPLE.en : 'done 5.2#2'}`;
    case 'unknown-ref': {
      const near = p.candidates.slice(0, 4).join(zh ? '；' : '; ');
      return zh
        ? `没有找到“${p.ref}”这一项。${near ? `您是不是要找：${near}？` : ''}\n请用条目编号，例如：${cmd} 4.3 …（发送“任务”查看全部编号）`
        : `There is no item "${p.ref}".${near ? ` Did you mean: ${near}?` : ''}\nUse the item number, for example: ${cmd} 4.3 … (send "tasks" to see them all)`;
    }
    case 'section-ref':
      return zh ? `“${p.ref}”是一个部分，请写到具体条目：\n${p.items.join('\n')}` : `"${p.ref}" is a whole section; name one of its items:\n${p.items.join('\n')}`;
    case 'no-value': {
      const t = p.target ?? p.item.targets.find((x) => x.kind === 'quantity');
      if (!t) return zh ? `请写上进展内容，例如：${cmd} ${p.item.id} 已完成某某工作` : `Add what was done, for example: ${cmd} ${p.item.id} finished the survey`;
      return zh
        ? `没有读到数值。${t.id} 的目标是 ${targetPhrase(t, lang)}，请这样写：进展 ${t.id} 12（或 进展 ${t.id} +2 表示在原有基础上增加）`
        : `I could not find a number. ${t.id} aims at ${targetPhrase(t, lang)}; write: progress ${t.id} 12 (or progress ${t.id} +2 to add to the last value)`;
    }
    case 'negative':
      return zh
        ? '数值不能是负数。要更正，请直接发送正确的数值；要撤回上一条，请发送“撤销”。'
        : 'A value cannot be negative. To correct one, send the right value; to take back your last update, send "undo".';
    case 'percent': {
      const t = p.target ?? p.item.targets[0];
      return zh
        ? `请填写实际数量，不要用百分比，例如：进展 ${t?.id ?? p.item.id} 12`
        : `Please give the count itself, not a percentage, for example: progress ${t?.id ?? p.item.id} 12`;
    }
    case 'which-target': {
      const lines = p.choices.map((t) => `${cmd} ${t.id} …（${targetPhrase(t, lang)}）`);
      return zh ? `${p.item.id} 有${p.choices.length}个目标，请指明是哪一个：\n${lines.join('\n')}` : `${p.item.id} has ${p.choices.length} targets; say which one:\n${lines.join('\n')}`;
    }
    case 'number-for-milestone':
      return zh
        ? `${p.target.id} 是里程碑（${p.target.text}），没有数量。完成后请发送：完成 ${p.target.id}`
        : `${p.target.id} is a milestone (${p.target.text}), not a count. When it is done, send: done ${p.target.id}`;
    case 'not-a-milestone':
      return zh
        ? `${p.target.id} 是数量目标（${targetPhrase(p.target, lang)}），请发送数量：进展 ${p.target.id} 12`
        : `${p.target.id} is a count (${targetPhrase(p.target, lang)}); send the number: progress ${p.target.id} 12`;
  }
}

export const TEXT = {
  refused: {
    zh: '抱歉，您还没有登记进展的权限，这条没有记录。如需登记，请联系管理员把您加入名单。提问不受限制。',
    en: 'Sorry, you are not on the list of people who record progress, so nothing was recorded. Ask an admin to add you; anyone may ask questions.',
  },
  adminOnly: {
    zh: '抱歉，只有管理员可以这样做。',
    en: 'Sorry, only an admin can do that.',
  },
  tooLong: {
    zh: (n: number, max: number) => `消息太长（${n}字，上限${max}字），没有处理。请分成几条发送；原文已保存在日志里。`,
    en: (n: number, max: number) => `That message is too long (${n} characters; the limit is ${max}) and was not processed. Please split it; the text is kept in the log.`,
  },
  empty: {
    zh: '请输入问题或命令，发送“帮助”查看用法。',
    en: 'Type a question or a command; send "help" to see how.',
  },
  failed: {
    zh: '抱歉，处理这条消息时出错了，没有记录任何内容。请稍后再试。',
    en: 'Sorry, something went wrong while handling that message; nothing was recorded. Please try again later.',
  },
  undoUsage: {
    zh: '撤销自己最近一条，发送“撤销”；撤销某一条，写记录编号，例如：撤销 17（编号见“历史 4.3”）。',
    en: 'To undo your last update send "undo"; to undo one record give its number, for example: undo 17 (numbers are in "history 4.3").',
  },
  nothingToUndo: {
    zh: '您没有可以撤销的进展记录。',
    en: 'You have no progress update to undo.',
  },
  noRecord: {
    zh: (id: number) => `没有编号为 #${id} 的进展记录。发送“历史 4.3”可以查看记录编号。`,
    en: (id: number) => `There is no progress record #${id}. Send "history 4.3" to see record numbers.`,
  },
  alreadyUndone: {
    zh: (id: number) => `记录 #${id} 已经撤销过了。`,
    en: (id: number) => `Record #${id} was already undone.`,
  },
  notYours: {
    zh: (id: number) => `记录 #${id} 不是您登记的；只有管理员可以撤销别人的记录。`,
    en: (id: number) => `Record #${id} is not yours; only an admin can undo someone else's record.`,
  },
  help: {
    zh: [
      '**督办 · 用法**',
      '• 直接提问：人才团队的引进目标是多少？',
      '• 登记进展：进展 4.3 已引进领军人才及团队12个',
      '  在原有基础上增加：进展 4.3#1 +2',
      '• 里程碑完成：完成 5.2#2',
      '• 查看：状态 4.3 ｜ 状态 4 ｜ 状态',
      '• 历史 4.3 ｜ 撤销 ｜ 任务 4 ｜ 汇总',
      '命令前可加 / 或 #；也可以用英文（help）。',
    ],
    en: [
      '**duban · how to use**',
      '• Ask: what is the target for talent teams?',
      '• Record progress: progress 4.3 12',
      '  Add to the last value: progress 4.3#1 +2',
      '• Mark a milestone done: done 5.2#2',
      '• Look: status 4.3 | status 4 | status',
      '• history 4.3 | undo | tasks 4 | digest',
      'Commands may start with / or #; Chinese works too (帮助).',
    ],
  },
};
