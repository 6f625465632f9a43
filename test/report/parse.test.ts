import { describe, expect, it } from 'vitest';
import { parseReport, ReportParseError } from '../../src/report/parse.js';
import { item, report } from '../fakes/report.js';

const HEADER = '---\nid: t\ntitle: 测试报告\ncity: 测试\nyear: 2020\n---\n';

describe('the sample report', () => {
  it('has 8 sections with 4,4,4,4,5,4,5,6 items', () => {
    expect(report.sections.map((s) => s.items.length)).toEqual([4, 4, 4, 4, 5, 4, 5, 6]);
    expect(report).toMatchObject({ id: 'cixi-2015', city: '慈溪', year: 2015 });
  });

  it('gives sections and items stable ids, titles and preambles', () => {
    const s4 = report.sections[3]!;
    expect(s4).toMatchObject({ id: '4', title: '立足强化动力，推动创新开放提升能级' });
    expect(s4.preamble).toMatch(/^坚持依靠产业化的创新/);
    expect(item('4.3').title).toBe('提升人才支撑水平');
    expect(item('4.3').text).toContain('引进领军人才及团队25个以上');
    expect(item('4.3').sentences[0]).toBe('提升人才支撑水平。');
    expect(item('8.6').title).toBe('促进文化体育事业蓬勃繁荣');
  });
});

describe('parsing other files', () => {
  it('accepts full-width and half-width section marks and punctuation', () => {
    const r = parseReport(
      `${HEADER}（一）第一部分，做好甲。一是甲一。内容,内容。二是甲二。\n(二)第二部分:做好乙。一是乙一。`,
      'x.txt',
    );
    expect(r.sections.map((s) => s.items.map((i) => `${i.id} ${i.title}`))).toEqual([
      ['1.1 甲一', '1.2 甲二'],
      ['2.1 乙一'],
    ]);
    expect(r.sections[0]!.items[0]!.text).toBe('甲一。内容，内容。');
  });

  it('joins a section that runs over several lines', () => {
    const r = parseReport(`${HEADER}（一）标题。序言。\n一是第一项。\n二是第二项。`, 'x.txt');
    expect(r.sections[0]!.items.map((i) => i.title)).toEqual(['第一项', '第二项']);
  });

  it.each([
    ['no header', '（一）标题。一是甲。', 1, /header/],
    ['no sections', `${HEADER}只有一段文字，没有分部分。`, 7, /no section heading/],
    ['sections out of order', `${HEADER}（一）甲。一是甲。\n（三）丙。一是丙。`, 8, /out of order/],
    ['an item number skipped', `${HEADER}（一）甲。一是甲。三是丙。`, 7, /三是.*二是/],
    ['a bad year', '---\ncity: 慈溪\nyear: 15\n---\n（一）甲。', 4, /year/],
  ])('refuses a file with %s, naming the file and line', (_name, text, line, reason) => {
    try {
      parseReport(text, 'bad.txt');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ReportParseError);
      expect((err as ReportParseError).message).toMatch(new RegExp(`^bad\\.txt:${line}: `));
      expect((err as ReportParseError).message).toMatch(reason);
    }
  });
});
