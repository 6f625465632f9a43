/**
 * Text stays text: a progress note, a display name, an owner's name and a lead unit holding a
 * markdown link, an image, HTML and stars come back as those literal characters through every
 * reply path (history, status, weekly and monthly report, digest, who owns, an answer with the
 * latest progress, a reminder) on every platform's renderer — never as a live link or image —
 * while the bot's own bold still renders. Written on DingTalk and WeChat, shown everywhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { toDingtalkMarkdown } from '../../src/adapters/dingtalk/render.js';
import { toFeishuCards, toFeishuTexts } from '../../src/adapters/feishu/card.js';
import { toSlackMessages } from '../../src/adapters/slack/blocks.js';
import { toWechatTexts } from '../../src/adapters/wechat/render.js';
import { ANSI, renderText } from '../../src/chat/render.js';
import { type Channel, type Reply, reply } from '../../src/chat/types.js';
import { toMarkdown } from '../../src/periodic/render.js';
import { type TestCore, testCore } from '../fakes/core.js';

const LINK = '[点我领取](http://evil.example/a)';
const IMAGE = '![p](http://evil.example/p.png)';
const NOTE = `已开会 ${LINK}${IMAGE}<img src=http://evil.example/i.png> **免费**`;
const NAME = `张${LINK}`;
const OWNER = `王**强**${IMAGE}`;
const ADMIN = { userId: 'boss', userName: '督办科' };

/** Markdown link, image or HTML syntax — `[t](u)`, `![t](u)`, `<a …>`, `<img …>` — that no backslash escapes. */
const MARKDOWN_LIVE = /(?<!\\)\[[^\]\n]*(?<!\\)\]\(|(?<!\\)<\s*(?:a|img|at)\b/i;
/** What each platform would make live: Slack's links and mentions all open with `<`; WeChat renders nothing. */
const LIVE: Record<string, RegExp> = {
  dingtalk: MARKDOWN_LIVE,
  feishu: MARKDOWN_LIVE,
  feishuText: MARKDOWN_LIVE,
  slack: /</,
  wechat: /@所有人/,
};

/** What a person reads in a markdown message: backslash escapes and character references resolved. */
const shown = (md: string) =>
  md.replace(/\\(.)/g, '$1').replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)));

/** Every platform's rendering of a reply, as the strings each would send. */
function rendered(r: Reply) {
  const cards = toFeishuCards(r);
  const lark = cards.flatMap((c) =>
    c.elements.flatMap((e) => {
      const el = e as { text?: { content: string }; elements?: { content: string }[] };
      return [el.text?.content ?? '', ...(el.elements ?? []).map((x) => x.content)];
    }),
  );
  const slack = toSlackMessages(r).flatMap((m) => [
    m.text,
    ...m.blocks.flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((x) => x.text)]),
  ]);
  return {
    dingtalk: toDingtalkMarkdown(r)
      .map((m) => m.text)
      .join('\n'),
    feishu: lark.join('\n'),
    feishuText: toFeishuTexts(r).join('\n'),
    slack: slack.join('\n'),
    wechat: toWechatTexts(r).join('\n'),
  };
}

let c: TestCore;
const paths: Record<string, Reply[]> = {};

beforeAll(async () => {
  c = await testCore({ DUBAN_ADMINS: 'test:boss,wechat:boss' }, '2015-06-01T02:00:00Z');
  const reminders: Reply[] = [];
  c.senders.wechat = async (_ch: Channel, r: Reply) => {
    reminders.push(r);
  };
  // An owner named from WeChat, a lead unit, a value with a note and a note alone, from DingTalk.
  await c.say('负责 4.3', { platform: 'wechat', userId: 'boss', mentions: [{ userId: 'wx_w', name: OWNER }] });
  await c.say(`牵头单位 4.3 市人才办${LINK}`, ADMIN);
  const from = { platform: 'dingtalk', userId: 's1', userName: NAME };
  expect((await c.say(`进展 4.3#1 12 ${NOTE}`, from)).kind).toBe('recorded');
  expect((await c.say(`进展 1.1 ${NOTE}`, from)).kind).toBe('recorded');
  await c.say('进展 1.2 清屏\x1b[2J\x1b]0;pwned\x07', { platform: 'console', userId: 'ops' });
  c.clock.now = new Date('2015-06-02T02:00:00Z');
  paths.history = [await c.say('历史 4.3'), await c.say('历史 1.1')];
  paths.terminal = [await c.say('历史 1.2')];
  paths.status = [await c.say('状态 4.3'), await c.say('状态 1')];
  paths.report = [await c.say('周报'), await c.say('月报')];
  paths.digest = (await c.digest.compose('2015-06-02')).replies;
  paths.whoOwns = [await c.say('谁负责 4.3')];
  paths.answer = [await c.say('人才团队的引进目标是多少？'), await c.say('促进企业稳定生产有什么进展？')];
  paths.reminder = [await c.say('提醒 4.3', ADMIN)];
  paths.reminder.push(...reminders);
  // What someone typed, said back in a reply that says what to type instead.
  paths.echo = [
    await c.say(`状态 **免费**${LINK}`),
    await c.say(`进展 **免费**${LINK} 12`),
    await c.say('周报 **免费**'),
    await c.say('负责 4.3 @**免费**', { platform: 'wechat', userId: 'boss' }),
  ];
});

describe('text people wrote is inert in every reply on every platform', () => {
  it.each(['history', 'status', 'report', 'digest', 'whoOwns', 'answer', 'reminder', 'echo'])('%s', (path) => {
    const replies = paths[path]!;
    expect(replies.length).toBeGreaterThan(0);
    const all = replies.map(rendered);
    // The hostile text did reach each path (else the check below proves nothing)…
    expect(all.map((o) => o.wechat).join('\n')).toMatch(/点我领取|evil\.example|免费/);
    for (const out of all)
      for (const [platform, text] of Object.entries(out)) {
        // …and nowhere is it a live link, image or tag.
        expect(LIVE[platform]!.test(text), `${path} on ${platform}:\n${text}`).toBe(false);
      }
    // A person's stars are theirs, not the bot's bold.
    for (const out of all) if (out.wechat.includes('免费')) expect(out.wechat).toContain('**免费**');
  });

  it("shows the note, the names and the unit as the characters they were written in, and the bot's bold as bold", () => {
    const [history] = paths.history!;
    const out = rendered(history!);
    for (const md of [out.dingtalk, out.feishu]) {
      expect(shown(md)).toContain(NAME);
      expect(shown(md)).toContain(NOTE);
    }
    expect(out.wechat).toContain(NOTE);
    expect(out.slack).toContain('&lt;img src=http://evil.example/i.png&gt; **免费**');
    const who = rendered(paths.whoOwns![0]!);
    expect(shown(who.dingtalk)).toContain(OWNER);
    expect(who.wechat).toContain(OWNER);
    expect(shown(who.feishu)).toContain(`市人才办${LINK}`);
    const answer = rendered(paths.answer![0]!);
    expect(answer.dingtalk).toContain('**4.3 提升人才支撑水平**');
    expect(answer.feishu).toContain('**4.3 提升人才支撑水平**');
    expect(answer.slack).toContain('*4.3 提升人才支撑水平*');
    expect(answer.wechat).toContain('4.3 提升人才支撑水平');
    expect(answer.wechat).not.toContain('**4.3');
  });

  it('keeps a weekly or monthly report written to a Markdown file inert too', () => {
    for (const r of paths.report!) {
      const file = toMarkdown(r);
      expect(MARKDOWN_LIVE.test(file), file).toBe(false);
      expect(shown(file)).toContain(NOTE);
      expect(file).toContain('**12/25个，48%**');
    }
  });

  it('shows a terminal the control characters people wrote, never runs them', () => {
    const text = renderText(paths.terminal![0]!, ANSI);
    expect(text).toContain('清屏\ufffd[2J');
    expect(text).not.toContain('\x1b[2J');
    expect(text).not.toContain('\x1b]0;');
    expect(text).toContain('\x1b[1m1.2 促进投资稳健增长');
  });
});

describe('a long text split into several messages', () => {
  it('is never cut inside an escape, which would show half of it and let the other half act', () => {
    const long = (ch: string) => reply({ kind: 'status', lang: 'zh', text: [`a${ch.repeat(2500)}`] });
    const ding = toDingtalkMarkdown(long('[')).map((m) => m.text);
    expect(ding.length).toBeGreaterThan(1);
    // A piece ending in an odd run of backslashes escapes nothing and leaves the next piece's `[` bare.
    for (const piece of ding) expect(piece).not.toMatch(/(?<!\\)\\(?:\\\\)*$/);
    const lark = toFeishuCards(long('['))
      .flatMap((c) => c.elements)
      .map((e) => (e as { text?: { content: string } }).text?.content ?? '');
    expect(lark.length).toBeGreaterThan(1);
    for (const piece of lark) expect(piece).toMatch(/^(?:a|&#91;)*$/);
    const slack = toSlackMessages(long('<')).flatMap((m) => m.blocks.map((b) => b.text?.text ?? ''));
    expect(slack.length).toBeGreaterThan(1);
    for (const piece of slack) expect(piece).toMatch(/^(?:a|&lt;)*$/);
  });
});
