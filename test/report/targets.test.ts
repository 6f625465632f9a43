import { describe, expect, it } from 'vitest';
import { extractTargets } from '../../src/report/targets.js';
import { item, report } from '../fakes/report.js';

const allTargets = report.sections.flatMap((s) => s.items.flatMap((i) => i.targets));

describe('targets in the sample report', () => {
  it.each([
    ['2.1', '企业信息化项目', 100, '个', '>='],
    ['4.3', '领军人才及团队', 25, '个', '>='],
    ['4.3', '3315计划”人才及团队', 6, '个', '>='],
    ['6.4', '重点节能改造项目', 60, '个', '='],
    ['8.2', '惠民项目', 30, '项', '='],
    ['8.3', '城乡就业岗位', 22000, '个', '='],
    ['4.1', '创新平台', 2, '个', '='],
    ['2.1', '重点项目', 100, '个', '='],
    ['2.1', '市级投资', 10000000000, '元', '='],
  ])('%s promises %s %d%s (%s)', (itemId, metric, value, unit, comparator) => {
    const t = item(itemId).targets.find((x) => x.metric.includes(metric));
    expect(t).toMatchObject({ kind: 'quantity', value, unit, comparator });
  });

  it('numbers targets in text order within the item', () => {
    expect(item('4.3').targets.map((t) => [t.id, t.value])).toEqual([
      ['4.3#1', 25],
      ['4.3#2', 6],
    ]);
  });

  it('finds exactly these quantities, and no names, durations or ordinals', () => {
    const quantities = allTargets.filter((t) => t.kind === 'quantity').map((t) => `${t.id} ${t.value}`);
    expect(quantities).toEqual([
      '2.1#1 100',
      '2.1#2 10000000000',
      '2.1#3 100',
      '2.2#1 4',
      '2.3#1 4',
      '3.2#1 4',
      '4.1#2 2',
      '4.3#1 25',
      '4.3#2 6',
      '6.4#1 60',
      '8.2#1 30',
      '8.3#1 22000',
    ]);
  });

  it.each([
    '深化开展“千名干部服务千家企业”专项行动。',
    '引进宁波3315计划人才。',
    '争取国家“千人计划”人才。',
    '谋划储备“十三五”时期重大项目。',
    '举办第十届市艺术节、第三届青瓷文化节。',
    '实施新一轮学前教育三年行动计划。',
    '办好十个方面的民生实事。',
    '深入推进“四换三名”工程。',
  ])('does not read a quantity in %s', (sentence) => {
    expect(extractTargets('9.1', [sentence]).filter((t) => t.kind === 'quantity')).toEqual([]);
  });

  it.each([
    ['5.2', '公交IC卡系统'],
    ['8.4', '慈溪中学、龙山中学迁建'],
    ['8.6', '上林湖青瓷文化传承园'],
    ['3.4', '政府机构改革'],
    ['4.1', '科教园区'],
  ])('%s has the milestone %s', (itemId, metric) => {
    expect(item(itemId).targets.find((t) => t.kind === 'milestone' && t.metric.includes(metric))).toMatchObject({
      value: 1,
      comparator: '=',
    });
  });

  it('finds no target where the report promises no measure', () => {
    expect(item('1.1').targets).toEqual([]);
    expect(item('7.2').targets).toEqual([]);
  });
});
