/**
 * Random progress messages, seeded: whatever people type (or paste), nothing non-finite, negative
 * or implausible (more than ×1,000 off its target) is recorded, every reply says something, none
 * posts a live mass mention, and the bot never fails. `npm test` sends a few thousand; the soak
 * (test/soak/fuzz.test.ts) many more, with other seeds.
 */
import { expect } from 'vitest';
import { toSlackMessages } from '../../src/adapters/slack/blocks.js';
import { seeded } from '../../src/cli/eval-sets.js';
import { CEILING } from '../../src/progress/value.js';
import { testCore } from '../fakes/core.js';
import { reports } from '../fakes/report.js';

const PARTS = {
  verb: ['进展', 'progress', '/进展', '#进展', '完成', 'done', '修改 1', 'edit 2', '撤销', '是', 'yes', '进展'],
  ref: [
    '4.3',
    '4.3#1',
    '4.3#2',
    '8.3',
    '2.1#2',
    '6.4',
    '1.1',
    '5.2#2',
    '4',
    '9.9',
    '4-3',
    '（四）三',
    '4 -1',
    'cixi-2015:8.3',
    '',
  ],
  number: [
    '12',
    '1.8',
    '62',
    '2.2万',
    '1亿亿亿',
    '9'.repeat(40),
    '99999999999999999999',
    '1e3',
    '0x10',
    '-5',
    '+3',
    '+1e9',
    '十二',
    '两百',
    '0',
    '0.0001',
    '3315',
    '15',
    '1,200',
    '12.5%',
    '93％',
    'NaN',
    'Infinity',
    '１２',
    '二十五万',
  ],
  unit: ['个', '万个', '亿元', '元', '人', '项', '', '', '%'],
  noise: [
    '',
    '<@U024BE7LH>',
    '<#C123|general>',
    '<!channel>',
    'https://x.cn/2015/06/30',
    '截至6月底',
    '截至2月30日',
    '截至12月底',
    'as of 30 June',
    '千人计划',
    '3315计划',
    '第3批',
    '2015年6月30日',
    '负责',
    '😀',
    '\u0000',
    '  ',
  ],
};

/** Send `messages` random progress messages drawn with `seed` to a fresh core, and check what it recorded and said. */
export async function fuzzProgress(messages: number, seed: number): Promise<void> {
  const c = await testCore({}, '2015-07-03T02:00:00Z');
  const rand = seeded(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
  for (let i = 0; i < messages; i++) {
    const text = [
      pick(PARTS.verb),
      pick(PARTS.ref),
      pick(PARTS.noise),
      `${pick(PARTS.number)}${pick(PARTS.unit)}`,
      pick(PARTS.noise),
    ]
      .join(rand() < 0.8 ? ' ' : '')
      .trim();
    const r = await c.bot.handle({
      platform: 'test',
      userId: pick(['u1', 'u2']),
      channelId: 'C1',
      text,
      messageId: `f${i}`,
    });
    expect(r.kind, text).not.toBe('error');
    expect(r.text.join('').length + r.bars.length, text).toBeGreaterThan(0);
    const posted = JSON.stringify(toSlackMessages(r));
    expect(/<!(?:channel|here|everyone)>|<@U0/.test(posted), text).toBe(false);
  }
  const targets = new Map(
    reports.flatMap((rep) =>
      rep.sections.flatMap((s) => s.items.flatMap((it) => it.targets.map((t) => [t.id, t] as const))),
    ),
  );
  const records = await c.store.progress.between('0000', '9999');
  expect(records.filter((r) => r.kind !== 'undo').length).toBeGreaterThan(100);
  for (const r of records) {
    if (r.value === null) continue;
    expect(Number.isFinite(r.value) && r.value >= 0 && r.value <= CEILING, `#${r.id} ${r.rawText}`).toBe(true);
    const t = targets.get(r.targetId ?? '');
    if (t?.kind === 'quantity' && r.value > 0) {
      const ratio = r.value / t.value;
      expect(ratio <= 1000 && ratio >= 1 / 1000, `#${r.id} ${r.rawText} → ${r.value} against ${t.value}`).toBe(true);
    }
  }
}
