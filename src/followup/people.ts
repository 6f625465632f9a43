/**
 * Who a command names: Slack mentions (`<@U123>`), people a WeChat message @-mentions (the
 * adapter passes them), and platform-qualified ids (`cli:u2`, `slack:U123`).
 */
import type { Mention } from '../chat/types.js';

export interface Person {
  platform: string;
  userId: string;
  name: string;
}

export interface Named {
  people: Person[];
  /** `@name` written but not a mention the platform resolved (typed by hand, or someone not in the group). */
  unknown: string[];
  /** What is left of the text. */
  rest: string;
}

const SLACK = /<@([A-Z0-9]+)(?:\|([^>]*))?>/g;
const QUALIFIED = /(?:^|\s)([a-z][a-z0-9]*):([^\s:，,]+)/g;
const AT_NAME = /[@＠]([^\s@＠，,]+)/g;

/** The people a text names, on the platform it came from. */
export function namedPeople(text: string, mentions: Mention[], platform: string): Named {
  const people: Person[] = [];
  const add = (p: Person) => {
    if (!people.some((q) => q.platform === p.platform && q.userId === p.userId)) people.push(p);
  };
  let rest = text.replace(SLACK, (_m, id: string, label?: string) => {
    const known = mentions.find((m) => m.userId === id);
    add({ platform: 'slack', userId: id, name: known?.name || label || id });
    return ' ';
  });
  rest = rest.replace(QUALIFIED, (m, p: string, id: string) => {
    if (/^\d+$/.test(p)) return m;
    add({ platform: p, userId: id, name: mentions.find((x) => x.userId === id)?.name || `${p}:${id}` });
    return ' ';
  });
  for (const m of mentions) add({ platform, userId: m.userId, name: m.name || m.userId });
  const unknown: string[] = [];
  rest = rest.replace(AT_NAME, (_m, name: string) => {
    if (!mentions.some((x) => x.name === name)) unknown.push(name);
    return ' ';
  });
  return { people, unknown, rest: rest.replace(/\s+/g, ' ').trim() };
}

/** Platforms whose adapters address a person's direct chat as `dm:<id>` (Slack takes the user id itself). */
const DM_PREFIXED = new Set(['wechat', 'dingtalk', 'feishu']);

/** Where a person's direct messages go on their platform. */
export function directChannel(p: Pick<Person, 'platform' | 'userId'>): { platform: string; channelId: string } {
  return { platform: p.platform, channelId: DM_PREFIXED.has(p.platform) ? `dm:${p.userId}` : p.userId };
}
