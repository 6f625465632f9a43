/**
 * What a city's engineer meets on a bad day: settings that point at the wrong thing, a damaged
 * database, several processes at once, a process killed mid-stream. Real child processes.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dubanProcess } from '../cli/run.js';
import { exited, script } from '../fakes/script.js';
import { tempDir } from '../fakes/tmp.js';

describe('start-up errors are one line, exit 2, and never hang', () => {
  const file = join(tempDir(), 'a-file');
  writeFileSync(file, 'not a folder');
  const garbled = tempDir();
  writeFileSync(join(garbled, 'duban.sqlite'), Buffer.alloc(8192, 0x5a));
  it.each([
    [{ DUBAN_DATA_DIR: file }, 'is a file, not a folder'],
    [{ DUBAN_DATA_DIR: join(file, 'sub') }, 'which is a file'],
    [{ DUBAN_DATA_DIR: '/proc/duban-x' }, 'cannot be created'],
    [{ DUBAN_DATA_DIR: garbled }, 'damaged or not a duban database'],
    [{ DUBAN_REPORTS_DIR: '/nonexistent/reports' }, 'DUBAN_REPORTS_DIR is no such folder'],
    [{ DUBAN_REPORTS_DIR: file }, 'DUBAN_REPORTS_DIR is a file, not a folder'],
  ])('%j', (env, message) => {
    const r = dubanProcess(['chat', '--user', 'u', '帮助'], { env: { DUBAN_DATA_DIR: tempDir(), ...env } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(message);
  });
});

describe('a damaged database', () => {
  it('is refused at start with how to restore, and a backup taken before brings the records back', async () => {
    const dir = tempDir();
    const env = { DUBAN_DATA_DIR: dir };
    const fill = `const { openStore } = await import(process.env.DIST + '/store/index.js');
      const s = openStore(process.env.DIR);
      const by = { platform: 'test', userId: 'u', userName: 'u', channelId: '' };
      for (let i = 1; i <= 40; i++) {
        const note = '第' + i + '次走访企业' + '很多'.repeat(200);
        await s.progress.add({ reportId: 'cixi-2015', itemId: '1.1', targetId: null, value: null, kind: 'update', note, rawText: note }, by);
      }
      await s.close();`;
    expect((await exited(script(fill, { DIR: dir }))).code).toBe(0);
    const copy = join(tempDir(), 'backup.sqlite');
    expect(dubanProcess(['backup', copy], { env }).stdout).toContain('Backed up');
    expect(dubanProcess(['backup', copy], { env }).stderr).toContain('exists already');
    // Garbage over a page in the middle of the file.
    const db = join(dir, 'duban.sqlite');
    const fd = openSync(db, 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(statSync(db).size / 4096 / 2) * 4096);
    closeSync(fd);
    const r = dubanProcess(['chat', '--user', 'u', '状态 1.1'], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('restore it from a backup');
    const restored = tempDir();
    spawnSync('cp', [copy, join(restored, 'duban.sqlite')]);
    expect(dubanProcess(['chat', '--user', 'u', '历史 1.1'], { env: { DUBAN_DATA_DIR: restored } }).stdout).toContain(
      '第40次走访企业',
    );
  }, 60000);
});

describe('several processes at once', () => {
  it('opens a new data folder from three processes at once, every time', async () => {
    for (let round = 0; round < 4; round++) {
      const dir = tempDir();
      const code = `const { openDatabase } = await import(process.env.DIST + '/store/sqlite/db.js');
        for (let i = 0; i < 5; i++) openDatabase(process.env.DIR).close();`;
      const runs = await Promise.all([1, 2, 3].map(() => exited(script(code, { DIR: dir }))));
      for (const r of runs) expect(r, r.stderr).toMatchObject({ code: 0 });
    }
  }, 60000);

  it('two processes writing at once record every update exactly once', async () => {
    const dir = tempDir();
    const code = `const { openStore } = await import(process.env.DIST + '/store/index.js');
      const store = openStore(process.env.DIR);
      const by = { platform: 'test', userId: process.env.WHO, userName: process.env.WHO, channelId: 'C1' };
      for (let i = 0; i < 200; i++) {
        await store.transaction(async (tx) => {
          if (await tx.handled.get('test', 'm' + i)) return;
          await tx.progress.add({ reportId: 'r', itemId: '1.1', targetId: null, value: null, kind: 'update', note: String(i), rawText: '' }, by);
          await tx.handled.put('test', 'm' + i, '{}');
        });
      }
      await store.close();`;
    const runs = await Promise.all(['a', 'b'].map((who) => exited(script(code, { DIR: dir, WHO: who }))));
    for (const r of runs) expect(r, r.stderr).toMatchObject({ code: 0 });
    const count = dubanProcess(['chat', '--user', 'u', '--json', '历史 1.1'], { env: { DUBAN_DATA_DIR: dir } });
    expect(count.code).toBe(0);
    const check = await exited(
      script(
        `const { openStore } = await import(process.env.DIST + '/store/index.js');
         const s = openStore(process.env.DIR); console.log(await s.progress.count()); await s.close();`,
        { DIR: dir },
      ),
    );
    expect(check.stdout.trim()).toBe('200');
  }, 60000);
});

describe('reminders from two processes at once', () => {
  it('reach each owner once', async () => {
    const dir = tempDir();
    const sent = join(tempDir(), 'sent.txt');
    const owners = Array.from(
      { length: 12 },
      (_, i) => `${['1.1', '1.2', '2.1', '4.3'][i % 4]},test:o${i},负责人${i},`,
    );
    const csv = join(tempDir(), 'owners.csv');
    writeFileSync(csv, `item,owner,name,unit\n${owners.join('\n')}\n`);
    const env = { DUBAN_DATA_DIR: dir, DUBAN_ADMINS: 'cli:boss' };
    expect(dubanProcess(['import', '--owners', csv, '--user', 'boss'], { env }).stdout).toContain('Assigned 12 owners');
    // Each process opens the core, sends through a sender that appends to one file, and reminds everyone due.
    const code = `const { appendFileSync } = await import('node:fs');
      const { loadConfig } = await import(process.env.DIST + '/config.js');
      const { openCore } = await import(process.env.DIST + '/bot/open.js');
      const core = await openCore(loadConfig({ DUBAN_DATA_DIR: process.env.DIR }), { now: () => new Date('2015-06-01T01:00:00Z') });
      core.senders.test = async (ch) => appendFileSync(process.env.SENT, ch.channelId + '\\n');
      const r = await core.followUp.remindAll();
      console.log(r.filter((x) => x.result === 'sent').length);
      await core.close();`;
    const runs = await Promise.all(['a', 'b'].map(() => exited(script(code, { DIR: dir, SENT: sent }))));
    for (const r of runs) expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(runs.reduce((n, r) => n + Number(r.stdout.trim()), 0)).toBe(12);
    const lines = readFileSync(sent, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(12);
    expect(new Set(lines).size).toBe(12);
  }, 60000);
});

describe('killed mid-stream', () => {
  it('keeps every update it acknowledged, once, across kill -9 and restarts', async () => {
    const dir = tempDir();
    const code = `const { openCore } = await import(process.env.DIST + '/bot/open.js');
      const { loadConfig } = await import(process.env.DIST + '/config.js');
      const core = await openCore(loadConfig({ DUBAN_DATA_DIR: process.env.DIR }));
      const { createInterface } = await import('node:readline');
      for await (const line of createInterface({ input: process.stdin })) {
        const r = await core.bot.handle({ platform: 'test', userId: 'u1', channelId: 'C1', messageId: line, text: '进展 1.1 走访 ' + line });
        if (r.kind === 'recorded') process.stdout.write('ack ' + line + '\\n');
      }`;
    const acked = new Set<string>();
    let next = 0;
    const total = 300;
    for (let life = 0; life < 4 && next < total; life++) {
      const child = script(code, { DIR: dir });
      const done = exited(child);
      child.stdout!.on('data', (d: Buffer) => {
        for (const m of String(d).matchAll(/ack (m\d+)/g)) acked.add(m[1]!);
      });
      // Resend from the first unacknowledged message, as a platform retries.
      const from = Math.max(0, next - 20);
      for (let i = from; i < total; i++) child.stdin!.write(`m${i}\n`);
      await new Promise((r) => setTimeout(r, 400 + life * 300));
      child.kill('SIGKILL');
      await done;
      next = acked.size;
    }
    const finish = script(code, { DIR: dir });
    const finished = exited(finish);
    finish.stdout!.on('data', (d: Buffer) => {
      for (const m of String(d).matchAll(/ack (m\d+)/g)) acked.add(m[1]!);
    });
    for (let i = 0; i < total; i++) finish.stdin!.write(`m${i}\n`);
    finish.stdin!.end();
    await finished;
    const counted = await exited(
      script(
        `const { openStore } = await import(process.env.DIST + '/store/index.js');
         const s = openStore(process.env.DIR);
         const rows = await s.progress.history('cixi-2015', '1.1', 100000);
         console.log(JSON.stringify(rows.map((r) => r.messageId)));
         await s.close();`,
        { DIR: dir },
      ),
    );
    const ids: string[] = JSON.parse(counted.stdout);
    expect(new Set(ids).size).toBe(ids.length); // nothing twice
    for (const id of acked) expect(ids).toContain(id); // nothing acknowledged lost
    expect(ids.length).toBe(total);
  }, 90000);
});
