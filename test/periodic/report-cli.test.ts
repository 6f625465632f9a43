import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { duban } from '../cli/run.js';
import { tempDir } from '../fakes/tmp.js';

let env: Record<string, string>;
let out: string;

beforeAll(async () => {
  env = { DUBAN_DATA_DIR: tempDir() };
  out = tempDir();
  await duban(['chat', '--user', 'u1', '--name', '张三', '进展 4.3#1 12'], { env });
  await duban(['chat', '--user', 'u2', '--name', '王五', '进展 1.1 走访企业200家，"重点"企业'], { env });
  const store = openStore(env.DUBAN_DATA_DIR!);
  const by = { platform: 'cli', userId: 'ops', userName: 'ops', channelId: '' };
  await store.owners.assign(
    { reportId: 'cixi-2015', itemId: '4.3', targetId: null, platform: 'cli', userId: 'li', name: '李明' },
    by,
  );
  await store.owners.setUnit('cixi-2015', '4.3', '市人才办', by);
  await store.close();
});

describe('duban report', () => {
  it('prints the week as Markdown, as in chat but every line', async () => {
    const r = await duban(['report', '--period', 'week'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# 督办周报 · \d{4}-\d{2}-\d{2} 至 /);
    expect(r.stdout).toContain('## 本周进展（2条记录，2项有变化）');
    expect(r.stdout).toContain('- 张三：4.3#1 领军人才及团队 **12/25个，48%**（负责：李明；牵头单位：市人才办）');
    expect(r.stdout).not.toContain('…另有');
  });

  it('writes one CSV row per target, Excel-readable', async () => {
    const file = join(out, 'month.csv');
    const r = await duban(['report', '--period', 'month', '--format', 'csv', '--out', file], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(file);
    const text = readFileSync(file, 'utf8');
    expect(
      text.startsWith(
        '\ufeff报告,部分,条目,条目名称,目标,指标,当前值,目标值,单位,完成率%,状态,责任人,牵头单位,最近更新\r\n',
      ),
    ).toBe(true);
    const rows = text.trim().split('\r\n');
    expect(rows).toHaveLength(24);
    expect(rows.find((l) => l.includes(',4.3#1,'))).toMatch(
      /^cixi-2015,立足强化动力，推动创新开放提升能级,4\.3,提升人才支撑水平,4\.3#1,领军人才及团队,12,25,个,48,\S+,李明,市人才办,\d{4}-\d{2}-\d{2}$/,
    );
  });

  it('writes the workbook, in English when asked', async () => {
    const file = join(out, 'week.xlsx');
    const r = await duban(['report', '--period', 'week', '--out', file, '--lang', 'en'], { env });
    expect(r.code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((s) => s.name)).toEqual(['cixi-2015', 'records', 'owners']);
    const records = book.getWorksheet('records')!;
    expect(records.getRow(1).values).toEqual(
      expect.arrayContaining(['who', 'when', 'as of', 'value', 'note', 'undone']),
    );
    expect(records.rowCount).toBe(3);
    expect(records.getRow(3).getCell(10).value).toBe('走访企业200家，"重点"企业');
    expect(book.getWorksheet('owners')!.getRow(2).getCell(5).value).toBe('李明');
  });

  it('keeps the workbook of 导出 in the data dir when asked through duban chat, and says where', async () => {
    const admin = { ...env, DUBAN_ADMINS: 'cli:boss' };
    const r = await duban(['chat', '--user', 'boss', '--json', '导出 周'], { env: admin });
    const reply = JSON.parse(r.stdout);
    expect(reply.file).toBeUndefined();
    const path = /文件已保存：(\S+\.xlsx)/.exec(reply.hints.join('\n'))![1]!;
    expect(path.startsWith(join(env.DUBAN_DATA_DIR!, 'exports', 'duban-week-'))).toBe(true);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.worksheets).toHaveLength(3);
  });

  it.each([
    [['--period', 'year'], '--period "year" should be week or month'],
    [['--period', 'week', '--date', '2015-02-30'], '--date "2015-02-30" should be a day'],
    [['--period', 'week', '--format', 'pdf'], '--format "pdf" should be md, csv or xlsx'],
    [['--period', 'week', '--format', 'xlsx'], '--format xlsx needs --out FILE.xlsx'],
    [['--period', 'week', '--colour'], "Unknown option '--colour'"],
    [['--period', 'week', 'extra'], 'Unexpected argument'],
    [['--period', 'week', '--date', '2999-01-01'], 'has not begun'],
    [['--period', 'week', '--out', '/nonexistent/dir/x.md'], 'cannot write /nonexistent/dir/x.md: ENOENT'],
  ])('refuses %j in one line', async (args, message) => {
    const r = await duban(['report', ...args], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
