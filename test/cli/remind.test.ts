/** `duban import --owners` and `duban remind`: owners in bulk, and who would be reminded of what. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../fakes/tmp.js';
import { duban } from './run.js';

const env = () => ({ DUBAN_DATA_DIR: tempDir(), DUBAN_ADMINS: 'cli:boss' });

function ownersCsv(rows: string): string {
  const file = join(tempDir(), 'owners.csv');
  writeFileSync(file, `item,owner,name,unit\n${rows}`);
  return file;
}

describe('duban import --owners', () => {
  it('assigns owners and lead units from a CSV, all rows or none, by an admin only', async () => {
    const e = env();
    const good = ownersCsv('4.3,wechat:wxid_wang,王强,市人才办\n8.3#1,slack:U02,李梅,\n');
    expect((await duban(['import', '--owners', good, '--user', 'someone'], { env: e })).stderr).toContain(
      'not in DUBAN_ADMINS',
    );
    const ok = await duban(['import', '--owners', good, '--user', 'boss'], { env: e });
    expect(ok.stdout).toContain('Assigned 2 owners');
    expect(ok.stdout).toContain('1 lead units set');
    const again = await duban(['import', '--owners', good, '--user', 'boss'], { env: e });
    expect(again.stdout).toContain('Assigned 0 owners from');
    expect(again.stdout).toContain('2 were owners already');
    const who = await duban(['chat', '--user', 'u', '谁负责 4.3'], { env: e });
    expect(who.stdout).toContain('负责人：王强');
    expect(who.stdout).toContain('牵头单位：市人才办');
    const bad = ownersCsv('9.9,wechat:x,某人,\n4.3,王强,王强,\n');
    const r = await duban(['import', '--owners', bad, '--user', 'boss'], { env: e });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('row 2: "9.9" is not an item or target');
    expect(r.stderr).toContain('row 3: owner "王强" should be a platform id');
  });
});

describe('duban remind', () => {
  it('shows who would be reminded of what on a date, as text or JSON', async () => {
    const e = env();
    await duban(['import', '--owners', ownersCsv('4.3#1,wechat:wxid_wang,王强,\n'), '--user', 'boss'], { env: e });
    const json = JSON.parse((await duban(['remind', '--date', '2015-06-08', '--json'], { env: e })).stdout);
    expect(json).toEqual([
      expect.objectContaining({
        owner: 'wechat:wxid_wang',
        name: '王强',
        period: '2015-W24',
        items: [expect.objectContaining({ item: '4.3', command: '进展 4.3#1 数值' })],
      }),
    ]);
    const text = await duban(['remind', '--date', '2015-06-08', '--dry-run'], { env: e });
    expect(text.stdout).toContain('→ 王强 (wechat:wxid_wang), 2015-W24');
    expect(text.stdout).toContain('回复：进展 4.3#1 数值');
    expect((await duban(['remind', '--date', '2015-02-30'], { env: e })).stderr).toContain('should be a day');
  });
});
