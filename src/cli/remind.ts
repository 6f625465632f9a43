/**
 * `duban remind [--date D] [--dry-run] [--json]`: who would be reminded of what (with --dry-run,
 * or when no platform is running to send through), or remind them now through the console log.
 * A real send happens from `duban start`, on DUBAN_REMIND_CRON.
 */
import { parseArgs } from 'node:util';
import { openCore } from '../bot/open.js';
import { renderText } from '../chat/render.js';
import { loadConfig } from '../config.js';
import { isCalendarDate, startOfLocalDay } from '../time.js';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { date: { type: 'string' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
  });
  if (values.date && !isCalendarDate(values.date)) {
    process.stderr.write(`--date "${values.date}" should be a day such as 2015-06-08\n`);
    return 2;
  }
  const config = loadConfig();
  const core = await openCore(config, { verify: false });
  try {
    // A given date is looked at as of 09:00 that day (when reminders usually go out).
    const at = values.date
      ? new Date(startOfLocalDay(values.date, config.DUBAN_TZ).getTime() + 9 * 3600000)
      : new Date();
    const due = await core.followUp.due(at);
    const period = core.followUp.period(at);
    if (values.json) {
      const out = due.map((d) => ({
        owner: `${d.person.platform}:${d.person.userId}`,
        name: d.person.name,
        period,
        items: d.items.map((i) => ({
          report: i.report.id,
          item: i.item.id,
          title: i.item.title,
          staleDays: i.staleDays ?? null,
          behind: i.behind.map((t) => t.target.id),
          command: core.followUp.command(i, 'zh'),
        })),
      }));
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return 0;
    }
    if (!due.length) {
      process.stdout.write(`Nobody is due a reminder for ${period}.\n`);
      return 0;
    }
    for (const d of due) {
      process.stdout.write(`→ ${d.person.name} (${d.person.platform}:${d.person.userId}), ${period}\n`);
      process.stdout.write(`${renderText(core.followUp.reminder(d, values.date ?? period))}\n\n`);
    }
    if (!values['dry-run'])
      process.stdout.write('(Shown, not sent: reminders are sent by `duban start` on DUBAN_REMIND_CRON.)\n');
    return 0;
  } finally {
    await core.close();
  }
}
