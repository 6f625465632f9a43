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
    ['= 12个', 12],
    ['走访企业=好，已引进5个', 5],
  ])('%s → %d', (text, value) => {
    expect(parseValue(text, '个')).toEqual({ ok: true, mode: 'absolute', value });
  });

  it.each([
    ['到了15个', 15],
    ['宁波“3315计划”人才到了5个', 5],
    ['<@U024BE7LH> 负责，已引进8个', 8],
    ['见 <#C123|general> 群，已引进8个', 8],
    ['详见 https://example.gov.cn/a/2015/06/30.html 已引进9个', 9],
    ['62亿元', 6200000000],
    ['4.3#2 已引进3个', 3],
  ])('%s → %d (whole tokens only)', (text, value) => {
    expect(parseValue(text, '个')).toMatchObject({ ok: true, value });
  });

  it('reads a percent only for a percent target', () => {
    expect(parseValue('参保率达到93%', '%')).toEqual({ ok: true, mode: 'absolute', value: 93 });
    expect(parseValue('完成93%', '个')).toEqual({ ok: false, problem: 'percent' });
  });

  it.each([
    [`已引进${'9'.repeat(400)}个`, 'too-large'],
    ['1亿亿亿亿个', 'too-large'],
    ['99999999999999999999', 'too-large'],
    ['1e3', 'notation'],
    ['0x10', 'notation'],
    ['<@U024BE7LH> 负责', 'none'],
    ['十三五期间', 'none'],
  ])('refuses %s (%s)', (text, problem) => {
    expect(parseValue(text, '个')).toMatchObject({ ok: false, problem });
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
