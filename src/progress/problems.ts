/** What was wrong with a progress or done command, and what to type instead, in Chinese and English. */

import type { Lang } from '../chat/types.js';
import { targetPhrase } from '../report/format.js';
import type { Problem } from './plan.js';

const EXAMPLE = { zh: '进展 4.3 已引进领军人才及团队12个', en: 'progress 4.3 12' };

/** "What was wrong, and what to type instead" for a progress or done command. */
export function problemText(p: Problem, lang: Lang, verb: 'progress' | 'done'): string {
  const zh = lang === 'zh';
  const cmd = zh ? (verb === 'progress' ? '进展' : '完成') : verb;
  switch (p.problem) {
    case 'no-ref':
      return zh
        ? `请写明是哪一项，例如：${verb === 'progress' ? EXAMPLE.zh : '完成 5.2#2'}`
        : `Say which item, for example: ${verb === 'progress' ? EXAMPLE.en : 'done 5.2#2'}`;
    case 'unknown-ref': {
      const near = p.candidates.slice(0, 4).join(zh ? '；' : '; ');
      return zh
        ? `没有找到“${p.ref}”这一项。${near ? `您是不是要找：${near}？` : ''}\n` +
            `请用条目编号，例如：${cmd} 4.3 …（发送“任务”查看全部编号）`
        : `There is no item "${p.ref}".${near ? ` Did you mean: ${near}?` : ''}\n` +
            `Use the item number, for example: ${cmd} 4.3 … (send "tasks" to see them all)`;
    }
    case 'section-ref':
      return zh
        ? `“${p.ref}”是一个部分，请写到具体条目：\n${p.items.join('\n')}`
        : `"${p.ref}" is a whole section; name one of its items:\n${p.items.join('\n')}`;
    case 'no-value': {
      const t = p.target ?? p.item.targets.find((x) => x.kind === 'quantity');
      if (!t)
        return zh
          ? `请写上进展内容，例如：${cmd} ${p.item.id} 已完成某某工作`
          : `Add what was done, for example: ${cmd} ${p.item.id} finished the survey`;
      return zh
        ? `没有读到数值。${t.id} 的目标是 ${targetPhrase(t, lang)}，` +
            `请这样写：进展 ${t.id} 12（或 进展 ${t.id} +2 表示在原有基础上增加）`
        : `I could not find a number. ${t.id} aims at ${targetPhrase(t, lang)}; ` +
            `write: progress ${t.id} 12 (or progress ${t.id} +2 to add to the last value)`;
    }
    case 'negative':
      return zh
        ? '数值不能是负数。要更正，请直接发送正确的数值；要撤回上一条，请发送“撤销”。'
        : 'A value cannot be negative. To correct one, send the right value; ' +
            'to take back your last update, send "undo".';
    case 'percent': {
      const t = p.target ?? p.item.targets[0];
      return zh
        ? `请填写实际数量，不要用百分比，例如：进展 ${t?.id ?? p.item.id} 12`
        : `Please give the count itself, not a percentage, for example: progress ${t?.id ?? p.item.id} 12`;
    }
    case 'which-target': {
      const lines = p.choices.map((t) => `${cmd} ${t.id} …（${targetPhrase(t, lang)}）`);
      return zh
        ? `${p.item.id} 有${p.choices.length}个目标，请指明是哪一个：\n${lines.join('\n')}`
        : `${p.item.id} has ${p.choices.length} targets; say which one:\n${lines.join('\n')}`;
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
