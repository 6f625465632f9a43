/**
 * `duban import FILE.csv [--user ID]`: progress records in bulk, all rows or none, through the
 * same value reader and checks as chat. UTF-8 or GBK files; the operator must be allowed to record
 * (`cli:ID` in DUBAN_UPDATERS, when it is set); every attempt is audited; a row imported before
 * (the same content, however spaced) is not recorded again.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { openCore } from '../bot/open.js';
import { qualify } from '../chat/ids.js';
import { loadConfig } from '../config.js';
import { checkOwners } from '../followup/owners-csv.js';
import { IMPORT_MAX_BYTES } from '../progress/csv-table.js';
import { checkImport, decodeCsv, rowKey } from '../progress/import.js';

/** Row errors printed at the most; the rest are counted. */
const MAX_ERRORS = 50;

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { user: { type: 'string' }, owners: { type: 'string' } },
    allowPositionals: true,
  });
  if (values.owners) return importOwners(values.owners, values.user);
  const file = positionals[0];
  if (!file) {
    process.stderr.write(
      'Usage: duban import FILE.csv [--user ID]   (columns: item or target, value, date, who, note)\n',
    );
    return 2;
  }
  const bytes = readBytes(file);
  if (!bytes) return 1;
  const config = loadConfig();
  const core = await openCore(config);
  const operator = values.user ?? userInfo().username;
  const actor = { platform: 'cli', userId: operator, userName: operator, channelId: file };
  const refuse = async (detail: string, message: string) => {
    await core.store.audit.record(actor, 'import', file, 'invalid', detail);
    process.stderr.write(message);
    return 1;
  };
  try {
    const updaters = config.DUBAN_UPDATERS;
    const id = qualify('cli', operator);
    if (updaters.length && !updaters.includes(id) && !config.DUBAN_ADMINS.includes(id)) {
      await core.store.audit.record(actor, 'import', file, 'refused', 'not allowed');
      process.stderr.write(`${id} may not record progress (not in DUBAN_UPDATERS); nothing was imported.\n`);
      return 1;
    }
    const csv = await decodeCsv(bytes);
    if (csv === undefined) {
      return refuse('encoding', `${file} is neither UTF-8 nor GBK text; save it as "CSV UTF-8" and run it again.\n`);
    }
    const checked = checkImport(
      csv,
      core.bot.answerer.reports,
      config.DUBAN_TZ,
      new Date(),
      config.DUBAN_MAX_MESSAGE_CHARS,
    );
    if (!checked.ok) {
      const shown = checked.errors.slice(0, MAX_ERRORS).map((e) => `  ${e}`);
      if (checked.errors.length > MAX_ERRORS) shown.push(`  … and ${checked.errors.length - MAX_ERRORS} more rows`);
      return refuse(
        checked.errors.slice(0, MAX_ERRORS).join(' | '),
        `${file} was not imported; nothing was recorded. Fix these rows and run it again:\n${shown.join('\n')}\n`,
      );
    }
    const outcome = await core.store.transaction(async (tx) => {
      let added = 0;
      for (const r of checked.rows) {
        const key = createHash('sha256').update(rowKey(r)).digest('hex');
        if (await tx.handled.get('import-row', key)) continue;
        const rec = {
          reportId: r.reportId,
          itemId: r.itemId,
          targetId: r.targetId,
          value: r.value,
          kind: 'import' as const,
          note: r.note,
          rawText: r.raw,
          asOf: r.asOf,
        };
        await tx.progress.add(rec, { platform: 'import', userId: r.who, userName: r.who, channelId: file });
        await tx.handled.put('import-row', key, JSON.stringify({ file, line: r.line }));
        added++;
      }
      const skipped = checked.rows.length - added;
      await tx.audit.record(
        actor,
        'import',
        file,
        'ok',
        `${added} rows${skipped ? `, ${skipped} imported before` : ''}`,
      );
      return { added, skipped };
    });
    if (!outcome.added) {
      process.stderr.write(`${file} was imported before (the same rows); nothing was recorded again.\n`);
      return 1;
    }
    const again = outcome.skipped ? ` (${outcome.skipped} rows were imported before and were left out)` : '';
    process.stdout.write(`Imported ${outcome.added} progress records from ${file}${again}.\n`);
    return 0;
  } finally {
    await core.close();
  }
}

/** `duban import --owners FILE.csv`: owners (and lead units) of items, by an admin, all rows or none. */
async function importOwners(file: string, user: string | undefined): Promise<number> {
  const bytes = readBytes(file);
  if (!bytes) return 1;
  const config = loadConfig();
  const operator = user ?? userInfo().username;
  const actor = { platform: 'cli', userId: operator, userName: operator, channelId: file };
  const core = await openCore(config);
  try {
    if (!config.DUBAN_ADMINS.includes(qualify('cli', operator))) {
      await core.store.audit.record(actor, 'import-owners', file, 'refused', 'not an admin');
      process.stderr.write(
        `${qualify('cli', operator)} is not in DUBAN_ADMINS; only admins assign owners. Nothing was imported.\n`,
      );
      return 1;
    }
    const csv = await decodeCsv(bytes);
    const checked = csv === undefined ? undefined : checkOwners(csv, core.bot.answerer.reports);
    if (!checked?.ok) {
      const errors = checked?.errors ?? [`${file} is neither UTF-8 nor GBK text; save it as "CSV UTF-8"`];
      await core.store.audit.record(actor, 'import-owners', file, 'invalid', errors.slice(0, 20).join(' | '));
      const shown = errors.slice(0, MAX_ERRORS).map((e) => `  ${e}`);
      process.stderr.write(
        `${file} was not imported; nothing was recorded. Fix these rows and run it again:\n${shown.join('\n')}\n`,
      );
      return 1;
    }
    const added = await core.store.transaction(async (tx) => {
      let n = 0;
      for (const o of checked.owners) if (await tx.owners.assign(o, actor)) n++;
      for (const u of checked.units) await tx.owners.setUnit(u.reportId, u.itemId, u.unit, actor);
      await tx.audit.record(actor, 'import-owners', file, 'ok', `${n} owners, ${checked.units.length} units`);
      return n;
    });
    const known = checked.owners.length - added;
    process.stdout.write(
      `Assigned ${added} owners from ${file}${known ? ` (${known} were owners already)` : ''}` +
        `${checked.units.length ? `; ${checked.units.length} lead units set` : ''}.\n`,
    );
    return 0;
  } finally {
    await core.close();
  }
}

/** A file's bytes, or undefined (having said why) when it cannot be read or is too large to import. */
function readBytes(file: string): Buffer | undefined {
  try {
    const size = statSync(file).size;
    if (size > IMPORT_MAX_BYTES) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      process.stderr.write(
        `${file} is ${mb(size)}; a file to import may be up to ${mb(IMPORT_MAX_BYTES)}. ` +
          'Split it into smaller files, each with the header row, and import each. Nothing was imported.\n',
      );
      return undefined;
    }
    return readFileSync(file);
  } catch (err) {
    process.stderr.write(`Cannot read ${file}: ${(err as Error).message}\n`);
    return undefined;
  }
}
