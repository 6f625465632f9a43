import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { itemAnswer } from '../../src/answer/extractive.js';
import { ENGLISH_FILE, GLOSSARY_FILE } from '../../src/answer/open.js';
import { loadConfig } from '../../src/config.js';
import { English } from '../../src/report/english.js';
import { loadReports } from '../../src/report/parse.js';
import type { Target } from '../../src/report/types.js';
import { Glosses } from '../../src/search/gloss.js';

const glosses = new Glosses(readFileSync(GLOSSARY_FILE, 'utf8'));
const english = new English(readFileSync(ENGLISH_FILE, 'utf8'), glosses);
const report = loadReports(loadConfig({}).DUBAN_REPORTS_DIR)[0]!;
const section = report.sections.find((s) => s.id === '4')!;
const talent = section.items.find((i) => i.id === '4.3')!;

const quantity = (metric: string, value: number, unit: string, comparator: Target['comparator'] = '='): Target => ({
  id: '9.9#1',
  kind: 'quantity',
  text: `${metric}${value}${unit}`,
  metric,
  value,
  unit,
  comparator,
});

describe('the report read as English', () => {
  it('says units as an English reader counts them', () => {
    expect(english.target(quantity('市级投资', 1e10, '元'))).toBe('10 billion yuan of city-level investment');
    expect(english.target(quantity('城乡就业岗位', 22000, '个'))).toBe('22,000 new urban and rural jobs');
    expect(english.amount({ unit: '亿元' }, 3)).toBe('300 million yuan');
    expect(english.amount({ unit: '万元' }, 500)).toBe('5 million yuan');
    expect(english.amount({ unit: '公里' }, 12.5)).toBe('12.5 km');
    expect(english.amount({ unit: '%' }, 95)).toBe('95%');
    expect(english.standing(quantity('领军人才及团队', 25, '个', '>='), 12)).toBe('12 of 25 (48%)');
  });

  it('keeps a Chinese term it has no English for rather than glossing it word by word', () => {
    // 提升 improve, 人才 talents, 水平 level: the glossary knows each word, not the title.
    expect(new English('', glosses).phrase('提升人才支撑水平')).toBeUndefined();
    expect(english.target(quantity('星级文明示范户', 50, '户', '>='))).toBe('at least 50 星级文明示范户');
    expect(english.phrase('河长制')).toBe('river chief system');
    expect(english.phrase('河长制和千人计划')).toBe('river chief system and thousand talents plan');
  });

  it('without English for a title, names the item by number and its Chinese title', () => {
    const body = itemAnswer(report, section, talent, talent.sentences.slice(1, 2), 'en', {
      tz: 'Asia/Shanghai',
      english: new English('', glosses),
    });
    expect(body.prose).toMatch(/^\*\*Item 4\.3 “提升人才支撑水平”\*\* \(section 4: 立足强化动力/);
    expect(body.facts).toContain('• 4.3#1 at least **25** 领军人才及团队 — no progress recorded yet');
  });

  it('keeps a name the title quotes beside its English', () => {
    const water = report.sections.flatMap((x) => x.items).find((i) => i.id === '6.1')!;
    const sixth = report.sections.find((x) => x.id === '6')!;
    const body = itemAnswer(report, sixth, water, water.sentences.slice(1, 2), 'en', { tz: 'Asia/Shanghai', english });
    expect(body.prose).toMatch(/^\*\*Item 6\.1: Keep up the Five Waters Co-governance \(五水共治\)\*\*/);
  });
});
