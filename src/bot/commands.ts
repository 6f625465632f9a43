/**
 * Chat text → a command. Command words work in Chinese and English, with or without a leading
 * `/` or `#`. A Chinese word without the prefix is a command only when a space, a reference or
 * the end follows it, so "进展如何" stays a question.
 */
import { type Lang, langOf } from '../chat/types.js';

export type Command =
  | { name: 'progress'; lang: Lang; ref: string; text: string }
  | { name: 'done'; lang: Lang; ref: string; text: string }
  | { name: 'status'; lang: Lang; ref: string }
  | { name: 'history'; lang: Lang; ref: string }
  | { name: 'undo'; lang: Lang; recordId?: number; arg: string }
  | { name: 'tasks'; lang: Lang; ref: string }
  | { name: 'help'; lang: Lang }
  | { name: 'digest'; lang: Lang }
  | { name: 'subscribe'; lang: Lang }
  | { name: 'unsubscribe'; lang: Lang }
  | { name: 'ask'; lang: Lang; question: string };

type Name = Command['name'];

const WORDS: [string, Name, Lang][] = [
  ['取消订阅', 'unsubscribe', 'zh'], ['unsubscribe', 'unsubscribe', 'en'],
  ['订阅', 'subscribe', 'zh'], ['subscribe', 'subscribe', 'en'],
  ['进展', 'progress', 'zh'], ['progress', 'progress', 'en'],
  ['完成', 'done', 'zh'], ['done', 'done', 'en'],
  ['状态', 'status', 'zh'], ['进度', 'status', 'zh'], ['status', 'status', 'en'],
  ['历史', 'history', 'zh'], ['history', 'history', 'en'],
  ['撤销', 'undo', 'zh'], ['undo', 'undo', 'en'],
  ['任务', 'tasks', 'zh'], ['tasks', 'tasks', 'en'],
  ['帮助', 'help', 'zh'], ['help', 'help', 'en'],
  ['汇总', 'digest', 'zh'], ['digest', 'digest', 'en'],
  ['问', 'ask', 'zh'], ['ask', 'ask', 'en'],
];

/** A reference at the start of a text: `4.3`, `4-3#2`, `（四）三`, `cixi-2015:4.3`. */
const N = '(?:\\d+|[一二三四五六七八九十]+)';
const LEADING_REF = new RegExp(
  `^(?:[\\w-]+(?:\\.[\\w-]+)*:)?(?:第)?(?:[(（]${N}[)）](?:\\s*${N})?|${N}(?:部分)?(?:\\s*[.．\\-－、·]\\s*${N})?)(?:项)?(?:\\s*[#＃]\\s*\\d+)?`,
);

/** Split `REF rest` into the reference and the rest; a title part ends at the first space. */
export function splitRef(text: string): { ref: string; rest: string } {
  const t = text.trim();
  const m = LEADING_REF.exec(t);
  if (m && m[0] && (t.length === m[0].length || /[\s\p{Script=Han}+＋,，:：]/u.test(t[m[0].length]!) || /^[(（]/.test(m[0]))) {
    return { ref: m[0].replace(/\s+/g, ''), rest: t.slice(m[0].length).replace(/^[\s,，:：]+/, '') };
  }
  const space = t.search(/\s/);
  return space < 0 ? { ref: t, rest: '' } : { ref: t.slice(0, space), rest: t.slice(space + 1).trim() };
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
      next === undefined || /\s/.test(next) || (lang === 'zh' && (prefixed || /[\d(（]/.test(next) || (/[一二三四五六七八九十]/.test(next) && LEADING_REF.test(after))));
    if (!boundary) continue;
    const arg = lang === 'en' ? after.trim().replace(/^(?:of|for|on)\s+/i, '') : after.trim();
    switch (name) {
      case 'progress':
      case 'done': {
        const { ref, rest } = splitRef(arg);
        return { name, lang, ref, text: rest };
      }
      case 'status':
      case 'history':
      case 'tasks':
        return { name, lang, ref: arg };
      case 'undo':
        return { name, lang, arg, recordId: /^#?\d+$/.test(arg) ? Number(arg.replace('#', '')) : undefined };
      case 'ask':
        return { name, lang: langOf(arg), question: arg };
      default:
        return { name, lang } as Command;
    }
  }
  if (/^[?？]$/.test(body)) return { name: 'help', lang: 'zh' };
  return { name: 'ask', lang: langOf(body), question: body };
}
