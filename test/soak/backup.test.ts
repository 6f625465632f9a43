/**
 * `duban backup` while another process keeps writing (one record every 5 ms) on a store of about
 * 110 MB: the backup finishes, is a whole database holding the records, and a backup killed
 * half-way leaves nothing at the path it was given. Real child processes.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, watch } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { dubanProcess } from '../cli/run.js';
import { exited, script } from '../fakes/script.js';
import { tempDir } from '../fakes/tmp.js';

const BIN = resolve(import.meta.dirname, '../../bin/duban.js');
const SEEDED = 25000;

/** A store of about 110 MB (the size the backup was seen failing at): long notes, written straight in for speed. */
async function bigStore(): Promise<string> {
  const dir = tempDir();
  const code = `const { openDatabase } = await import(process.env.DIST + '/store/sqlite/db.js');
    const db = openDatabase(process.env.DIR);
    db.prepare(\`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
      INSERT INTO progress (report_id, item_id, kind, note, platform, user_id, user_name, created_at)
      SELECT 'cixi-2015', '1.1', 'update', '走访企业' || i || printf('%.1500c', '很'), 'test', 'u', 'u',
        '2015-06-01T00:00:00.000Z' FROM n\`).run(Number(process.env.N));
    db.close();`;
  const r = await exited(script(code, { DIR: dir, N: String(SEEDED) }));
  expect(r, r.stderr).toMatchObject({ code: 0 });
  return dir;
}

const writers: ReturnType<typeof script>[] = [];
afterEach(() => {
  for (const w of writers.splice(0)) w.kill('SIGKILL');
});

/** Another process adding a record through the store every 5 ms; resolves once it has written. */
async function writer(dir: string): Promise<void> {
  const child = script(
    `const { openStore } = await import(process.env.DIST + '/store/index.js');
     const s = openStore(process.env.DIR, { verify: false });
     const by = { platform: 'test', userId: 'w', userName: 'w', channelId: 'C' };
     for (let i = 0; ; i++) {
       await s.progress.add({ reportId: 'cixi-2015', itemId: '1.2', targetId: null, value: null, kind: 'update', note: 'w' + i, rawText: '' }, by);
       if (i === 0) process.stdout.write('writing\\n');
       await new Promise((r) => setTimeout(r, 5));
     }`,
    { DIR: dir },
  );
  writers.push(child);
  await new Promise<void>((ok, fail) => {
    child.stdout!.once('data', () => ok());
    child.once('exit', (code) => fail(new Error(`the writer stopped (${code})`)));
  });
}

describe('duban backup under steady writes', () => {
  it('finishes with a whole database holding the records', async () => {
    const dir = await bigStore();
    await writer(dir);
    const copy = join(tempDir(), 'backup.sqlite');
    const r = dubanProcess(['backup', copy], { env: { DUBAN_DATA_DIR: dir } });
    expect(r, r.stderr).toMatchObject({ code: 0 });
    expect(r.stdout).toContain('Backed up');
    const db = new Database(copy, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("SELECT count(*) FROM progress WHERE item_id = '1.1'").pluck().get()).toBe(SEEDED);
    expect(db.prepare("SELECT count(*) FROM progress WHERE item_id = '1.2'").pluck().get()).toBeGreaterThan(0);
    db.close();
    expect(readdirSync(join(copy, '..'))).toEqual(['backup.sqlite']);
  }, 90000);

  it('killed half-way, leaves nothing at the path it was given', async () => {
    const dir = await bigStore();
    await writer(dir);
    const into = tempDir();
    const copy = join(into, 'backup.sqlite');
    // Killed as soon as it starts writing anything in the folder.
    const started = new Promise<void>((ok) => {
      const w = watch(into, () => {
        w.close();
        ok();
      });
    });
    const child = spawn(process.execPath, [BIN, 'backup', copy], {
      env: { PATH: process.env.PATH ?? '', DUBAN_DATA_DIR: dir },
      stdio: 'ignore',
    });
    const done = new Promise((ok) => child.once('exit', ok));
    await started;
    child.kill('SIGKILL');
    await done;
    expect(existsSync(copy)).toBe(false);
  }, 90000);
});
