/**
 * `duban report --period week|month [--date D] [--last] [--format md|csv|xlsx] [--out FILE] [--lang zh|en]`:
 * a week's or a month's report to a file — Markdown as in chat, CSV one row per target, or the
 * workbook. A bad argument is refused in one line (exit 2) before anything is opened.
 */
import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../bot/open.js';
import { loadConfig } from '../config.js';
import { isCalendarDate } from '../time.js';

const USAGE =
  'usage: duban report --period week|month [--date YYYY-MM-DD] [--last] [--format md|csv|xlsx] [--out FILE]';
const FORMATS = ['md', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

function refuse(why: string): number {
  process.stderr.write(`duban report: ${why} (${USAGE})\n`);
  return 2;
}

export async function run(args: string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        period: { type: 'string' },
        date: { type: 'string' },
        last: { type: 'boolean' },
        format: { type: 'string' },
        out: { type: 'string' },
        lang: { type: 'string' },
      },
    }));
  } catch (err) {
    return refuse((err as Error).message.split('\n')[0]!);
  }
  const { period: kind, date, format: given, out, lang = 'zh' } = values as Record<string, string | undefined>;
  if (kind !== 'week' && kind !== 'month') return refuse(`--period "${kind ?? ''}" should be week or month`);
  if (date !== undefined && !isCalendarDate(date)) return refuse(`--date "${date}" should be a day such as 2015-06-30`);
  const fromName = out && out !== '-' ? extname(out).slice(1).toLowerCase() : '';
  const format = (given ?? (FORMATS.includes(fromName as Format) ? fromName : 'md')) as Format;
  if (!FORMATS.includes(format)) return refuse(`--format "${given}" should be md, csv or xlsx`);
  if (format === 'xlsx' && (!out || out === '-')) return refuse('--format xlsx needs --out FILE.xlsx');
  if (lang !== 'zh' && lang !== 'en') return refuse(`--lang "${lang}" should be zh or en`);

  const core = await openCore(loadConfig(), { verify: false });
  try {
    const request = { previous: Boolean(values.last), all: true, date };
    const period = core.periodic.period(kind, request);
    const reports = await core.periodic.build(period);
    if (!reports) return refuse(`the ${kind} of ${period.start} has not begun`);
    const data =
      format === 'xlsx'
        ? await core.periodic.workbook(reports, period, lang)
        : format === 'csv'
          ? core.periodic.csv(reports, lang)
          : core.periodic.markdown(reports, request, lang);
    if (!out || out === '-') {
      process.stdout.write(data);
      return 0;
    }
    try {
      writeFileSync(out, data);
    } catch (err) {
      return refuse(`cannot write ${out}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    process.stdout.write(`${out} (${period.start} – ${period.end}, ${format})\n`);
    return 0;
  } finally {
    await core.close();
  }
}
