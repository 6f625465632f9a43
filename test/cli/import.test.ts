/** `duban import` keeps its limits: the file's size, each cell's length, each column once; a refused file records nothing. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../fakes/tmp.js';
import { duban } from './run.js';

function csvFile(text: string): string {
  const file = join(tempDir(), 'progress.csv');
  writeFileSync(file, text);
  return file;
}

/** The records of an item, as `历史` lists them. */
async function history(env: Record<string, string>, item: string): Promise<string> {
  return (await duban(['chat', '--user', 'u', '历史', item], { env })).stdout;
}

describe('duban import refuses what is too large, recording nothing', () => {
  it('a note longer than a chat message may be, naming the row, the column and the limit', async () => {
    const env = { DUBAN_DATA_DIR: tempDir(), DUBAN_MAX_MESSAGE_CHARS: '100' };
    const file = csvFile(
      `条目,数值,日期,填报人,备注\n1.1,,2015-06-30,张三,走访企业\n1.2,,2015-06-30,李四,${'很'.repeat(101)}\n`,
    );
    const r = await duban(['import', file], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was recorded');
    expect(r.stderr).toContain('row 3: column "备注" has 101 characters, at most 100');
    expect(await history(env, '1.1')).not.toContain('走访企业');
    // The same note is refused in chat by the same setting.
    const chat = await duban(['chat', '--user', 'u', `进展 1.2 ${'很'.repeat(101)}`], { env });
    expect(chat.stdout).toContain('消息太长');
    expect(await history(env, '1.2')).not.toContain('很很');
  });

  it('a name longer than a name is', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const r = await duban(['import', csvFile(`item,value,date,who\n4.3#1,10,2015-06-30,${'张'.repeat(201)}\n`)], {
      env,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('row 2: column "who" has 201 characters, at most 200');
    expect((await duban(['chat', '--user', 'u', '--json', '状态 4.3'], { env })).stdout).toContain('"percent":0');
  });

  it('a file over 20 MB, before reading it, saying to split it', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const r = await duban(['import', csvFile(`item,value\n${'x'.repeat(21 * 1024 * 1024)}\n`)], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is 21.0 MB; a file to import may be up to 20.0 MB. Split it into smaller files');
  });
});

describe('duban import reads each column once', () => {
  it('refuses two columns of the same meaning rather than let one win', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const r = await duban(['import', csvFile('item,value,数值,date,who\n4.3#1,10,20,2015-06-30,张三\n')], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('row 1: the columns "value" and "数值" are the same column; keep one');
    expect((await duban(['chat', '--user', 'u', '--json', '状态 4.3'], { env })).stdout).toContain('"percent":0');
  });

  it('in an owners file too, and caps its cells', async () => {
    const env = { DUBAN_DATA_DIR: tempDir(), DUBAN_ADMINS: 'cli:boss' };
    const twice = csvFile('item,owner,name,负责人\n4.3,wechat:wxid_wang,王强,李梅\n');
    const r = await duban(['import', '--owners', twice, '--user', 'boss'], { env });
    expect(r.stderr).toContain('row 1: the columns "name" and "负责人" are the same column; keep one');
    const long = csvFile(`item,owner,name,unit\n4.3,wechat:wxid_wang,王强,${'办'.repeat(201)}\n`);
    const l = await duban(['import', '--owners', long, '--user', 'boss'], { env });
    expect(l.stderr).toContain('row 2: column "unit" has 201 characters, at most 200');
    expect((await duban(['chat', '--user', 'u', '谁负责 4.3'], { env })).stdout).not.toContain('王强');
  });
});
