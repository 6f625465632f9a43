import { describe, expect, it } from 'vitest';
import { parseValue } from '../../src/progress/value.js';

describe('reading the value of a progress update', () => {
  it.each([
    ['已引进领军人才及团队12个', 12],
    ['3', 3],
    ['新增就业岗位1.2万个', 12000],
    ['已完成十二个', 12],
    ['截至6月30日已引进15个', 15],
    ['2015年11月20日 引进8个', 8],
    ['第3批共引进7个', 7],
    ['1,200个', 1200],
  ])('%s → %d', (text, value) => {
    expect(parseValue(text, '个')).toEqual({ ok: true, mode: 'absolute', value });
  });

  it('reads +N as an addition', () => {
    expect(parseValue('+2')).toEqual({ ok: true, mode: 'delta', value: 2 });
    expect(parseValue('＋三')).toEqual({ ok: true, mode: 'delta', value: 3 });
  });

  it.each([
    ['-3', 'negative'],
    ['完成60%', 'percent'],
    ['已走访企业', 'none'],
    ['', 'none'],
  ])('%s → %s', (text, problem) => {
    expect(parseValue(text)).toEqual({ ok: false, problem });
  });
});
