import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parsePeriodArgs, periodOf } from '../../src/periodic/period.js';
import { type TestCore, testCore } from '../fakes/core.js';
import { REPORTS_DIR } from '../fakes/report.js';
import { tempDir } from '../fakes/tmp.js';

const BOSS = { platform: 'test', userId: 'boss', userName: '领导', channelId: 'C1' };

/**
 * Records before, in and after the week of Monday 2015-06-01 (Shanghai); owners and a lead unit.
 * The clock ends on Wednesday 2015-06-03 10:00 in Shanghai.
 */
async function seeded(env: Record<string, string> = {}): Promise<TestCore> {
  const c = await testCore({ DUBAN_ADMINS: 'test:boss', ...env }, '2015-05-28T02:00:00Z');
  await c.say('进展 4.3#1 10', { userName: '张三' });
  await c.say('进展 6.4#1 5', { userName: '张三' });
  // Sunday 23:30 in Shanghai is still the week before.
  c.clock.now = new Date('2015-05-31T15:30:00Z');
  await c.say('进展 8.3#1 1万', { userName: '李四' });
  c.clock.now = new Date('2015-06-01T02:00:00Z');
  await c.say('进展 4.3#1 12', { userName: '张三' });
  await c.say('进展 4.3#1 15', { userName: '张三' });
  await c.say('完成 5.2#2', { userName: '王五' });
  await c.say('进展 1.1 走访企业200家', { userName: '王五' });
  await c.store.owners.assign(
    { reportId: 'cixi-2015', itemId: '4.3', targetId: null, platform: 'test', userId: 'li', name: '李明' },
    BOSS,
  );
  await c.store.owners.assign(
    { reportId: 'cixi-2015', itemId: '4.3', targetId: '4.3#1', platform: 'test', userId: 'zhao', name: '赵六' },
    BOSS,
  );
  await c.store.owners.assign(
    { reportId: 'cixi-2015', itemId: '2.1', targetId: null, platform: 'test', userId: 'qian', name: '钱七' },
    BOSS,
  );
  await c.store.owners.setUnit('cixi-2015', '4.3', '市人才办', BOSS);
  await c.store.owners.setUnit('cixi-2015', '2.1', '市发改局', BOSS);
  c.clock.now = new Date('2015-06-03T02:00:00Z');
  return c;
}

describe('periods', () => {
  it('runs a week from Monday to Sunday and a month over its days, in the configured zone', () => {
    const w = periodOf('week', '2015-06-03', 'Asia/Shanghai');
    expect([w.start, w.end]).toEqual(['2015-06-01', '2015-06-07']);
    expect(w.from.toISOString()).toBe('2015-05-31T16:00:00.000Z');
    expect(w.to.toISOString()).toBe('2015-06-07T16:00:00.000Z');
    expect(periodOf('week', '2015-06-07', 'Asia/Shanghai').start).toBe('2015-06-01');
    expect(periodOf('week', '2015-06-01', 'Asia/Shanghai', true)).toMatchObject({
      start: '2015-05-25',
      end: '2015-05-31',
    });
    expect(periodOf('month', '2015-02-14', 'UTC')).toMatchObject({ start: '2015-02-01', end: '2015-02-28' });
    expect(periodOf('month', '2015-01-14', 'UTC', true)).toMatchObject({ start: '2014-12-01', end: '2014-12-31' });
  });

  it('reads what follows the command, and names a word it cannot read', () => {
    expect(parsePeriodArgs('上周全部')).toEqual({ previous: true, all: true });
    expect(parsePeriodArgs('last all')).toEqual({ previous: true, all: true });
    expect(parsePeriodArgs('周 2015-6-3')).toEqual({ previous: false, all: false, kind: 'week', date: '2015-06-03' });
    expect(parsePeriodArgs('2015-02-30')).toEqual({ bad: '2015-02-30' });
    expect(parsePeriodArgs('下周')).toEqual({ bad: '下周' });
  });
});

describe('周报 / weekly', () => {
  it('shows what moved this week by section, before → after, with owners and lead units', async () => {
    const c = await seeded();
    const r = await c.say('周报');
    expect(r.kind).toBe('status');
    expect(r.plain).toContain('督办周报 · 2015-06-01 至 2015-06-07（截至 2015-06-03 10:00）');
    expect(r.plain).toContain('本周进展（4条记录，3项有变化）');
    expect(r.plain).toContain('（四）');
    expect(r.plain).toContain('• 张三：4.3#1 领军人才及团队 10 → 15/25个，60%（负责：赵六、李明；牵头单位：市人才办）');
    expect(r.plain).toContain('• 王五：5.2#2 建成投用公交IC卡系统 — 已完成');
    expect(r.plain).toContain('• 王五：1.1 促进企业稳定生产 — 走访企业200家');
    // Sent before the week (Sunday night in Shanghai, Sunday afternoon in UTC): not in it.
    expect(r.plain).not.toContain('李四：8.3#1');
    expect(r.plain).not.toContain('6.4#1');
  });

  it('lists targets met this week, behind with who answers for them, and stale items', async () => {
    const c = await seeded();
    const r = await c.say('周报');
    expect(r.plain).toContain('本周达成（1个；累计达成 1/');
    expect(r.plain).toContain('• 5.2#2 里程碑：建成投用公交IC卡系统（王五，2015-06-01）');
    expect(r.plain).toMatch(/进度落后（\d+个，按计划应完成约42%）/);
    expect(r.plain).toContain('• 2.1#1 重点项目 100个 — 0/100个，0%（负责：钱七；牵头单位：市发改局）');
    expect(r.plain).toMatch(/超过14天未更新（\d+项）/);
    expect(r.bars.find((b) => b.label.startsWith('第四部分'))).toMatchObject({ detail: '目标达成 0/4' });
  });

  it('stays short for a phone and names the command that lists the rest', async () => {
    const c = await seeded();
    const short = await c.say('周报');
    expect(short.plain).toMatch(/…另有\d+项，发送“周报 全部”查看全部/);
    expect(short.plain.length).toBeLessThan(2500);
    const all = await c.say('周报 全部');
    expect(all.plain).not.toContain('…另有');
    expect(all.plain.length).toBeGreaterThan(short.plain.length);
  });

  it('gives last week with 上周, in English with English punctuation', async () => {
    const c = await seeded();
    const last = await c.say('周报 上周');
    expect(last.plain).toContain('督办周报 · 2015-05-25 至 2015-05-31');
    expect(last.plain).not.toContain('截至 2015');
    expect(last.plain).toContain('• 李四：8.3#1 城乡就业岗位 1万/2.2万个，45%');
    expect(last.plain).toContain('• 张三：4.3#1 领军人才及团队 10/25个，40%');
    expect(last.plain).not.toContain('4.3#1 领军人才及团队 10 → 15');
    const en = await c.say('weekly last');
    expect(en.lang).toBe('en');
    expect(en.plain).toContain('duban weekly report · 2015-05-25 to 2015-05-31');
    expect(en.plain).toContain('• 李四: 8.3#1 城乡就业岗位 1万/2.2万个, 45%');
    expect(en.plain).toContain('(owner: 赵六, 李明; lead unit: 市人才办)');
    expect(en.plain).not.toMatch(/[（）；：]/); // the report's own titles keep their commas
    expect(en.plain).toContain('send "weekly last all" to see them all');
  });

  it('answers a word it cannot read with what to type, and a period to come', async () => {
    const c = await seeded();
    const bad = await c.say('周报 下周');
    expect(bad.kind).toBe('invalid');
    expect(bad.plain).toContain('看不懂“下周”');
    expect((await c.say('周报 2015-07-01')).plain).toContain('还没有到');
  });
});

describe('月报 / monthly', () => {
  it('covers the calendar month, and says so when nothing moved', async () => {
    const c = await seeded();
    const june = await c.say('月报');
    expect(june.plain).toContain('督办月报 · 2015年6月（截至 2015-06-03 10:00）');
    expect(june.plain).toContain('本月进展（4条记录');
    expect(june.plain).not.toContain('李四：8.3#1');
    const may = await c.say('monthly last');
    expect(may.plain).toContain('duban monthly report · May 2015');
    expect(may.plain).toContain('李四: 8.3#1');
    expect((await c.say('月报 2015-04-10')).plain).toContain('本月没有新的进展。');
  });
});

describe('导出 / export', () => {
  it('is refused to anyone but an admin', async () => {
    const c = await seeded();
    const r = await c.say('导出', { userId: 'u1' });
    expect(r.kind).toBe('refused');
    expect(r.file).toBeUndefined();
  });

  it('attaches a workbook that opens, with standings, the records and the owners; audited', async () => {
    const c = await seeded();
    const r = await c.say('导出 周', { userId: 'boss' });
    expect(r.plain).toContain('导出 duban-week-2015-06-01.xlsx');
    expect(r.file?.name).toBe('duban-week-2015-06-01.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.file!.data as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['cixi-2015', '进展记录', '责任人']);
    const rows = (name: string) =>
      book
        .getWorksheet(name)!
        .getSheetValues()
        .slice(1)
        .map((row) => (row as unknown[]).slice(1));
    const standing = rows('cixi-2015');
    expect(standing[0]).toEqual(expect.arrayContaining(['报告', '目标', '当前值', '责任人', '牵头单位']));
    const talent = standing.find((row) => row[4] === '4.3#1')!;
    expect(talent).toEqual([
      'cixi-2015',
      expect.any(String),
      '4.3',
      '提升人才支撑水平',
      '4.3#1',
      '领军人才及团队',
      15,
      25,
      '个',
      60,
      '推进中',
      '赵六；李明',
      '市人才办',
      '2015-06-01',
    ]);
    const records = rows('进展记录');
    expect(records.slice(1).map((row) => [row[3], row[4], row[8]])).toEqual([
      ['4.3#1', '张三', 12],
      ['4.3#1', '张三', 15],
      ['5.2#2', '王五', 1],
      ['', '王五', undefined],
    ]);
    const owners = rows('责任人');
    expect(owners.slice(1).map((row) => [row[1], row[3], row[4], row[6]])).toEqual([
      ['4.3', '', '李明', '市人才办'],
      ['4.3', '4.3#1', '赵六', '市人才办'],
      ['2.1', '', '钱七', '市发改局'],
    ]);
    expect((await c.store.audit.recent(1))[0]).toMatchObject({ action: 'export', outcome: 'ok' });
  });

  it('lists the newest 500 records of a busy period in chat, and says which command writes them all', async () => {
    const c = await seeded();
    const by = { platform: 'test', userId: 'u2', userName: '孙八', channelId: 'C1' };
    await c.store.transaction(async (tx) => {
      for (let i = 1; i <= 600; i++) {
        const note = `第${i}次`;
        await tx.progress.add(
          { reportId: 'cixi-2015', itemId: '1.1', targetId: null, value: null, kind: 'update', note, rawText: note },
          by,
        );
      }
    });
    const r = await c.say('导出', { userId: 'boss' });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(r.file!.data as never);
    const notes = book
      .getWorksheet('进展记录')!
      .getColumn(10)
      .values.filter((v): v is string => typeof v === 'string' && v.startsWith('第'));
    expect(notes).toHaveLength(500);
    expect(notes.at(-1)).toBe('第600次');
    const last = book.getWorksheet('进展记录')!.lastRow!.getCell(1).value;
    expect(last).toBe(
      '本表只列本期最新的500条记录；全部记录请在服务器上运行：duban report --period month --date 2015-06-01 --out duban-month-2015-06.xlsx',
    );
    // The command writes every one of them (and the month's other records).
    const month = c.periodic.period('month', { previous: false });
    const full = new ExcelJS.Workbook();
    await full.xlsx.load((await c.periodic.workbook((await c.periodic.build(month))!, month, 'zh')) as never);
    const fullNotes = full.getWorksheet('进展记录')!.getColumn(10).values;
    expect(fullNotes.filter((v) => typeof v === 'string' && v.startsWith('第'))).toHaveLength(600);
  });

  it('gives a month by default, and a redelivery no bytes', async () => {
    const c = await seeded();
    const r = await c.say('export', { userId: 'boss', messageId: 'x1' });
    expect(r.file?.name).toBe('duban-month-2015-06.xlsx');
    expect(r.plain).toContain('Exported duban-month-2015-06.xlsx');
    const again = await c.say('export', { userId: 'boss', messageId: 'x1' });
    expect(again.replay).toBe(true);
    expect(again.file).toBeUndefined();
  });
});

describe('several reports', () => {
  it('reports each under its title, with ids that lead back to it, and a sheet each', async () => {
    const dir = tempDir();
    const text = readFileSync(join(REPORTS_DIR, readdirSync(REPORTS_DIR)[0]!), 'utf8');
    writeFileSync(join(dir, 'a-2015.txt'), text);
    writeFileSync(
      join(dir, 'b-2016.txt'),
      text
        .replace('id: cixi-2015', 'id: cixi-2016')
        .replace('year: 2015', 'year: 2016')
        .replace('慈溪市2015年', '慈溪市2016年'),
    );
    const c = await testCore({ DUBAN_REPORTS_DIR: dir, DUBAN_ADMINS: 'test:boss' }, '2016-03-01T02:00:00Z');
    await c.say('进展 cixi-2015:4.3#1 20');
    await c.say('进展 4.3#1 3');
    const r = await c.say('周报');
    expect(r.plain).toContain('慈溪市2015年');
    expect(r.plain).toContain('• 张三：cixi-2015:4.3#1 领军人才及团队 20/25个，80%');
    expect(r.plain).toContain('• 张三：cixi-2016:4.3#1 领军人才及团队 3/25个，12%');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await c.say('导出', { userId: 'boss' })).file!.data as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['cixi-2016', 'cixi-2015', '进展记录', '责任人']);
  });
});

describe('command words', () => {
  it('reads an English sentence that starts with a command word as a question', async () => {
    const c = await seeded();
    expect((await c.say('weekly meeting on talent teams?')).kind).not.toBe('status');
    expect((await c.say('export the figures for talent teams?', { userId: 'u1' })).kind).not.toBe('refused');
    expect((await c.say('weekly all')).kind).toBe('status');
  });
});

describe('after the plan period', () => {
  it('says what was not met at its end instead of what is behind or stale', async () => {
    const c = await seeded();
    c.clock.now = new Date('2016-01-06T02:00:00Z');
    const r = await c.say('月报 上月');
    expect(r.plain).toContain('督办月报 · 2015年12月');
    expect(r.plain).toContain('计划期已于 2015-12-31 结束：目标达成 1/');
    expect(r.plain).toContain('期末未完成（差距最大）');
    expect(r.plain).toContain('• 2.1#1 重点项目 100个 — 0/100个，0%（负责：钱七；牵头单位：市发改局）');
    expect(r.plain).not.toContain('进度落后');
    expect(r.plain).not.toContain('未更新（');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await c.say('导出 上月', { userId: 'boss' })).file!.data as never);
    const rows = book.getWorksheet('cixi-2015')!.getSheetValues() as unknown[][];
    expect(rows.find((row) => row?.[5] === '2.1#1')?.[11]).toBe('期末未完成');
    expect(rows.find((row) => row?.[5] === '5.2#2')?.[11]).toBe('已达成');
  });
});
