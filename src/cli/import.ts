/** `duban import FILE.csv [--user ID]`: progress records in bulk, all rows or none. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { openCore } from '../bot/open.js';
import { loadConfig } from '../config.js';
import { checkImport } from '../progress/import.js';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { user: { type: 'string' } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) {
    process.stderr.write('Usage: duban import FILE.csv   (columns: item or target, value, date, who, note)\n');
    return 2;
  }
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`Cannot read ${file}: ${(err as Error).message}\n`);
    return 1;
  }
  const config = loadConfig();
  const core = await openCore(config);
  const operator = values.user ?? userInfo().username;
  const actor = { platform: 'import', userId: operator, userName: operator, channelId: file };
  try {
    const checked = checkImport(csv, core.bot.answerer.reports, config.DUBAN_TZ, new Date());
    if (!checked.ok) {
      await core.store.audit.record(actor, 'import', file, 'invalid', checked.errors.join(' | '));
      process.stderr.write(
        `${file} was not imported; nothing was recorded. Fix these rows and run it again:\n` +
          `${checked.errors.map((e) => `  ${e}`).join('\n')}\n`,
      );
      return 1;
    }
    const digest = createHash('sha256').update(csv).digest('hex');
    const added = await core.store.transaction(async (tx) => {
      if (await tx.handled.get('import', digest)) return -1;
      for (const r of checked.rows) {
        const rec = {
          reportId: r.reportId,
          itemId: r.itemId,
          targetId: r.targetId,
          value: r.value,
          kind: 'import' as const,
          note: r.note,
          rawText: r.raw,
          createdAt: r.createdAt,
        };
        await tx.progress.add(rec, { platform: 'import', userId: r.who, userName: r.who, channelId: file });
      }
      await tx.handled.put('import', digest, JSON.stringify({ file, rows: checked.rows.length }));
      await tx.audit.record(actor, 'import', file, 'ok', `${checked.rows.length} rows`);
      return checked.rows.length;
    });
    if (added < 0) {
      process.stderr.write(`${file} was imported before (same content); nothing was recorded again.\n`);
      return 1;
    }
    process.stdout.write(`Imported ${added} progress records from ${file}.\n`);
    return 0;
  } finally {
    await core.close();
  }
}
