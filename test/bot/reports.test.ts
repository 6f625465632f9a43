import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCore } from '../fakes/core.js';
import { REPORTS_DIR } from '../fakes/report.js';
import { tempDir } from '../fakes/tmp.js';

/** The bundled 2015 report and a 2016 one beside it (its jobs target 3万个). */
function twoReports(): string {
  const dir = tempDir();
  const text = readFileSync(join(REPORTS_DIR, readdirSync(REPORTS_DIR)[0]!), 'utf8');
  writeFileSync(join(dir, 'a-2015.txt'), text);
  writeFileSync(
    join(dir, 'b-2016.txt'),
    text
      .replace('id: cixi-2015', 'id: cixi-2016')
      .replace('year: 2015', 'year: 2016')
      .replace('慈溪市2015年', '慈溪市2016年')
      .replace('新增城乡就业岗位2.2万个', '新增城乡就业岗位3万个'),
  );
  return dir;
}

const REPORTS = twoReports();

describe('several reports side by side', () => {
  it('reads a bare reference as the newest report, and names the report in the reply', async () => {
    const c = await testCore({ DUBAN_REPORTS_DIR: REPORTS }, '2016-03-01T02:00:00Z');
    const r = await c.say('进展 8.3 1.5万');
    expect(r.plain).toContain('已记录 cixi-2016:8.3#1');
    expect(r.plain).toContain('1.5万/3万个，50%');
    const old = await c.say('进展 cixi-2015:8.3 1.5万');
    expect(old.plain).toContain('已记录 cixi-2015:8.3#1');
    expect(old.plain).toContain('1.5万/2.2万个');
    expect((await c.store.progress.latestForItem('cixi-2016', '8.3')).get('8.3#1')?.value).toBe(15000);
    expect((await c.store.progress.latestForItem('cixi-2015', '8.3')).get('8.3#1')?.value).toBe(15000);
  });

  it('gives hints that lead back to the report the person wrote about', async () => {
    const c = await testCore({ DUBAN_REPORTS_DIR: REPORTS }, '2016-03-01T02:00:00Z');
    const which = await c.say('进展 cixi-2015:2.1 1.5万');
    expect(which.plain).toContain('进展 cixi-2015:2.1#1 …');
    await c.say('进展 cixi-2015:4.3#1 5');
    expect((await c.say('撤销')).plain).toContain('cixi-2015:4.3#1 = 5');
  });

  it('groups status and tasks by report, each heading with its report', async () => {
    const c = await testCore({ DUBAN_REPORTS_DIR: REPORTS }, '2016-03-01T02:00:00Z');
    const status = await c.say('状态');
    expect(status.plain).toContain('慈溪市2016年政府工作报告·今年重点做好八个方面工作 · （一）');
    expect(status.plain).toContain('慈溪市2015年政府工作报告·今年重点做好八个方面工作 · （一）');
    expect((await c.say('状态 8.3')).plain).toContain('cixi-2016:8.3 推进社会保障提质扩面');
    const tasks = await c.say('任务');
    expect(tasks.plain).toContain('cixi-2016:8.3#1');
    expect(tasks.plain).toContain('cixi-2015:8.3#1');
  });

  it('takes the current report from DUBAN_CURRENT_REPORT', async () => {
    const c = await testCore({ DUBAN_REPORTS_DIR: REPORTS, DUBAN_CURRENT_REPORT: 'cixi-2015' }, '2016-03-01T02:00:00Z');
    expect((await c.say('进展 8.3 1.5万')).plain).toContain('已记录 cixi-2015:8.3#1');
  });
});
