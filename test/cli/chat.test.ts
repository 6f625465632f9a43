import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../fakes/tmp.js';
import { duban, dubanProcess } from './run.js';

describe('duban chat', () => {
  it('keeps state in the data dir between calls', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const first = await duban(['chat', '--user', 'u1', '--name', '张三', '进展 4.3 已引进领军人才及团队12个'], { env });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('12/25个，48%');
    const status = await duban(['chat', '--user', 'u2', '--json', '状态 4.3'], { env });
    const reply = JSON.parse(status.stdout);
    expect(reply.kind).toBe('status');
    expect(reply.bars[0].percent).toBe(48);
  });

  it('records a replayed message id once', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const a = await duban(['chat', '--user', 'u1', '--message-id', 'M1', '进展 4.3#1 +5'], { env });
    const b = await duban(['chat', '--user', 'u1', '--message-id', 'M1', '进展 4.3#1 +5'], { env });
    expect(b.stdout).toBe(a.stdout);
    expect((await duban(['chat', '--user', 'u1', '--json', '状态 4.3'], { env })).stdout).toContain('"percent":20');
  });

  it('refuses a data dir written by a newer duban, saying why', () => {
    const dir = tempDir();
    dubanProcess(['chat', '--user', 'u1', '帮助'], { env: { DUBAN_DATA_DIR: dir } });
    const db = new Database(join(dir, 'duban.sqlite'));
    db.pragma('user_version = 99');
    db.close();
    const r = dubanProcess(['chat', '--user', 'u1', '帮助'], { env: { DUBAN_DATA_DIR: dir } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('written by a newer duban');
  });
});

describe('the console chat (npm start with no platform)', () => {
  it('answers piped input line by line', () => {
    // The dashboard's own tests cover it; here it would take port 8080 from other runs.
    const env = { DUBAN_DATA_DIR: tempDir(), DUBAN_WEB: 'off' };
    const r = dubanProcess(['start'], { env, input: '帮助\n进展 4.3#1 3\n状态 4.3\n人才团队的引进目标是多少？\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('督办 · 用法');
    expect(r.stdout).toContain('已记录 4.3#1');
    expect(r.stdout).toContain('3/25个，12%');
    expect(r.stdout).toContain('4.3 提升人才支撑水平（第四部分');
    expect(r.stdout).not.toContain('duban dashboard');
  });
});

describe('duban import', () => {
  it('loads every row of a good file, once', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const file = join(tempDir(), 'ok.csv');
    writeFileSync(
      file,
      'item,value,date,who,note\n4.3#1,10,2015-06-30,张三,上半年\n8.3,12000,2015-07-31,李四,\n1.1,,2015-05-01,王五,走访企业200家\n',
    );
    const r = await duban(['import', file], { env });
    expect(r.stdout).toContain('Imported 3 progress records');
    expect((await duban(['chat', '--user', 'u', '状态 8.3'], { env })).stdout).toContain(
      '1.2万/2.2万个，55%（李四，2015-07-31 00:00）',
    );
    const again = await duban(['import', file], { env });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('imported before');
  });

  it('refuses a file with bad rows whole, naming each bad row and why', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const file = join(tempDir(), 'bad.csv');
    writeFileSync(
      file,
      '条目,数值,日期,填报人,备注\n4.3#1,10,2015-06-30,张三,\n9.9,3,2015-06-30,李四,\n6.4,abc,2015-06-30,王五,\n6.4,5,2015/06/30,王五,\n6.4,-5,2015-06-30,王五,\n6.4,5,2099-01-01,王五,\n',
    );
    const r = await duban(['import', file], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nothing was recorded');
    for (const row of [3, 4, 5, 6, 7]) expect(r.stderr).toContain(`row ${row}:`);
    expect(r.stderr).not.toContain('row 2:');
    expect(r.stderr).toContain('There is no item "9.9"');
    expect(r.stderr).toContain('in the future');
    expect((await duban(['chat', '--user', 'u', '--json', '状态 4.3'], { env })).stdout).toContain('"percent":0');
  });
});

describe('duban import reads values and files as chat does', () => {
  it('reads a GBK file from Excel, and 62亿元 as chat reads it', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const file = join(tempDir(), 'gbk.csv');
    const csv = '条目,数值,日期,填报人,备注\n2.1#2,62亿元,2015-06-30,张三,上半年\n';
    writeFileSync(file, iconv.encode(csv, 'gbk'));
    const r = await duban(['import', file], { env });
    expect(r.stdout).toContain('Imported 1 progress records');
    expect((await duban(['chat', '--user', 'u', '状态 2.1'], { env })).stdout).toContain('62亿/100亿元');
    expect((await duban(['chat', '--user', 'u', '历史 2.1'], { env })).stdout).toContain('张三');
  });

  it('refuses a file in another encoding, and a day that does not exist', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const binary = join(tempDir(), 'x.csv');
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x81, 0x00]));
    expect((await duban(['import', binary], { env })).stderr).toContain('neither UTF-8 nor GBK');
    const file = join(tempDir(), 'feb.csv');
    writeFileSync(file, 'item,value,date,who\n4.3#1,10,2015-02-30,张三\n');
    expect((await duban(['import', file], { env })).stderr).toContain('"2015-02-30" is not a real date');
  });

  it('imports the same rows once, however they are spaced', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const a = join(tempDir(), 'a.csv');
    const b = join(tempDir(), 'b.csv');
    writeFileSync(a, 'item,value,date,who\n4.3#1,10,2015-06-30,张三\n');
    writeFileSync(b, 'item,value,date,who\n4.3#1,10 ,2015-06-30,张三 \n8.3,12000,2015-06-30,李四\n');
    await duban(['import', a], { env });
    const r = await duban(['import', b], { env });
    expect(r.stdout).toContain('Imported 1 progress records');
    expect(r.stdout).toContain('1 rows were imported before');
  });

  it('checks --user against DUBAN_UPDATERS, and audits the refusal', async () => {
    const env = { DUBAN_DATA_DIR: tempDir(), DUBAN_UPDATERS: 'cli:ops' };
    const file = join(tempDir(), 'a.csv');
    writeFileSync(file, 'item,value,date,who\n4.3#1,10,2015-06-30,张三\n');
    const r = await duban(['import', file, '--user', 'intern'], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cli:intern may not record progress');
    expect((await duban(['import', file, '--user', 'ops'], { env })).stdout).toContain('Imported 1');
  });

  it('prints at most 50 bad rows, then a count', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const file = join(tempDir(), 'many.csv');
    writeFileSync(file, `item,value,date,who\n${'9.9,1,2015-06-30,张三\n'.repeat(60)}`);
    const r = await duban(['import', file], { env });
    expect(r.stderr.match(/^ {2}row /gm)).toHaveLength(50);
    expect(r.stderr).toContain('… and 10 more rows');
  });
});

describe('duban digest', () => {
  it('prints the digest of a date without marking it sent', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const file = join(tempDir(), 'ok.csv');
    writeFileSync(file, 'item,value,date,who,note\n4.3#1,10,2015-06-30,张三,\n');
    await duban(['import', file], { env });
    // Imported today (dated as of 30 June): today's digest has it; the digest of 30 June has not.
    const r = await duban(['digest', '--channel', 'slack:C1'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('督办日报 · ');
    expect(r.stdout).toContain('• 张三：4.3#1 领军人才及团队 10/25个，40%');
    expect(JSON.parse((await duban(['digest', '--json'], { env })).stdout).empty).toBe(false);
    const june = JSON.parse((await duban(['digest', '--date', '2015-06-30', '--json'], { env })).stdout);
    expect(june.empty).toBe(true);
    expect((await duban(['digest', '--date', '30/06/2015'], { env })).stderr).toContain(
      'should be a day such as 2015-06-30',
    );
  });

  it('refuses a day that is not in the calendar, saying what to type', async () => {
    const r = await duban(['digest', '--date', '2015-02-30'], { env: { DUBAN_DATA_DIR: tempDir() } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--date "2015-02-30" should be a day such as 2015-06-30');
    expect(r.stdout).toBe('');
  });
});

describe('duban chat with a bad option', () => {
  it.each([
    [['chat', '--user'], /--user <value>' argument missing/],
    [['chat', '--user', 'u1', '--name', '-2+3', '帮助'], /--name=-XYZ/],
    [['digest', '--date'], /--date <value>' argument missing/],
  ])('duban %j says what is wrong and how to write it, exit 2', async (args, message) => {
    const r = await duban(args, { env: { DUBAN_DATA_DIR: tempDir() } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(`Usage:\n  duban ${args[0]} `);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('duban import of a formula', () => {
  it('refuses a value written as a formula, naming the row and what to write', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const file = join(tempDir(), 'formula.csv');
    writeFileSync(file, 'item,value,date,who,note\n4.3#1,=1+2,2015-06-30,张三,\n');
    const r = await duban(['import', file], { env });
    expect(r.code).toBe(1);
    expect(r.stderr + r.stdout).toContain('row 2: I cannot read "=1+2"; write the number itself');
    expect((await duban(['chat', '--user', 'u1', '--json', '状态 4.3'], { env })).stdout).toContain('"percent":0');
  });
});

describe('duban chat, asked back', () => {
  it('keeps the choices offered in the data dir: the number in the next call answers from that item', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const asked = await duban(['chat', '--user', 'u1', 'what about exprot growth this year'], { env });
    expect(asked.stdout).toContain('2. 1.2 促进投资稳健增长');
    const picked = await duban(['chat', '--user', 'u1', '2'], { env });
    expect(picked.stdout).toContain('Item 1.2');
  });
});
