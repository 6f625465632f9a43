import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/report/numbers.js';
import { extractTargets } from '../../src/report/targets.js';

describe('parseNumber', () => {
  it.each([
    ['25', 25],
    ['2.2万', 22000],
    ['4.52万', 45200],
    ['0.07万', 700],
    ['1.1亿', 110000000],
    ['1,200', 1200],
    ['二十五', 25],
    ['两', 2],
    ['十', 10],
    ['百', 100],
    ['百亿', 10000000000],
    ['一千二百万', 12000000],
    ['两万五千', 25000],
    ['三千', 3000],
  ])('%s → %d', (text, value) => {
    expect(parseNumber(text)).toBe(value);
  });

  it.each(['十三五', '三五', 'abc', '', '4.3.2'])('%s is not a number', (text) => {
    expect(parseNumber(text)).toBeUndefined();
  });
});

describe('numbers inside a target', () => {
  it.each([
    ['新增城乡就业岗位2.2万个', 22000, '个', '='],
    ['争取引进领军人才及团队25个以上', 25, '个', '>='],
    ['建设两大创新平台', 2, '个', '='],
    ['实施十大重点工程', 10, '个', '='],
    ['狠抓工业百个重点项目', 100, '个', '='],
    ['完成投资4.52万元', 45200, '元', '='],
    ['引进人才二十五名以上', 25, '名', '>='],
    ['完成投资一千二百万元', 12000000, '元', '='],
  ])('%s', (text, value, unit, comparator) => {
    const [t] = extractTargets('9.9', [text]);
    expect(t).toMatchObject({ kind: 'quantity', value, unit, comparator });
  });
});
