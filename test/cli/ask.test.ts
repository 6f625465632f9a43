import { describe, expect, it } from 'vitest';
import { tempDir } from '../fakes/tmp.js';
import { duban, dubanProcess } from './run.js';

const env = { DUBAN_DATA_DIR: tempDir() };

describe('duban ask', () => {
  it('prints the answer contract as JSON', () => {
    const r = dubanProcess(['ask', '--json', '人才团队的引进目标是多少？'], { env });
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(Object.keys(a)).toEqual(['question', 'found', 'outcome', 'answer', 'citations', 'lang']);
    expect(a).toMatchObject({ question: '人才团队的引进目标是多少？', found: true, lang: 'zh' });
    expect(a.answer).toContain('25个以上');
    expect(a.answer).not.toContain('**');
    expect(a.citations[0]).toMatchObject({ id: '4.3', title: '提升人才支撑水平' });
    expect(a.citations[0].quote).toContain('领军人才及团队25个以上');
  });

  it('answers one question a line from stdin, one JSON object a line', () => {
    const r = dubanProcess(['ask', '-'], {
      env,
      input: 'what is the target for talent teams?\n\n高铁站什么时候建成\n就业岗位新增多少个\n',
    });
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.lang, l.found, l.citations[0]?.id])).toEqual([
      ['en', true, '4.3'],
      ['zh', false, undefined],
      ['zh', true, '8.3'],
    ]);
  });

  it('prints plain text for a person', async () => {
    const r = await duban(['ask', '公交IC卡系统'], { env });
    expect(r.stdout).toContain('5.2 完善综合交通功能');
    expect(r.stdout).toContain('建成投用公交IC卡系统');
  });

  it('tells how to use it when the question is missing', async () => {
    const r = await duban(['ask'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: duban ask');
  });
});

describe('duban ask, asked back', () => {
  it('prints outcome clarify with the choices best first, and found false', () => {
    const r = dubanProcess(['ask', '--json', 'what about exprot growth this year'], { env });
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout);
    expect(Object.keys(a)).toEqual(['question', 'found', 'outcome', 'answer', 'citations', 'lang', 'choices']);
    expect(a).toMatchObject({ found: false, outcome: 'clarify', lang: 'en' });
    expect(a.choices.map((c: { id: string }) => c.id)).toEqual(['1.3', '1.2', '4']);
    expect(a.choices[0]).toEqual({ id: '1.3', title: '促进出口稳固回升' });
    expect(a.answer).toContain('1. 1.3 促进出口稳固回升');
  });
});
