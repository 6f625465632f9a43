/** `duban backup FILE`: a whole copy at FILE, or a one-line reason and nothing at FILE. */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../fakes/tmp.js';
import { duban } from './run.js';

describe('duban backup', () => {
  it('writes a whole copy at FILE and nothing else beside it', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    await duban(['chat', '--user', 'u', '进展 4.3#1 12'], { env });
    const into = tempDir();
    const r = await duban(['backup', join(into, 'copy.sqlite')], { env });
    expect(r.stdout).toContain('Backed up');
    expect(readdirSync(into)).toEqual(['copy.sqlite']);
    const db = new Database(join(into, 'copy.sqlite'), { readonly: true });
    expect(db.prepare("SELECT value FROM progress WHERE target_id = '4.3#1'").pluck().get()).toBe(12);
    db.close();
  });

  it('says in one line when FILE cannot be written, and leaves nothing behind', async () => {
    const env = { DUBAN_DATA_DIR: tempDir() };
    const missing = await duban(['backup', '/nonexistent/copy.sqlite'], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('/nonexistent is no folder; name a file in a folder that exists.\n');
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const inFile = await duban(['backup', join(file, 'copy.sqlite')], { env });
    expect(inFile.stderr).toContain('is no folder');
    expect(existsSync(join(file, 'copy.sqlite'))).toBe(false);
  });
});
