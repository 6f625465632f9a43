/** `duban digest [--date YYYY-MM-DD] [--channel platform:C] [--json]`: print the digest without marking it sent. */
import { parseArgs } from 'node:util';
import { openCore } from '../bot/open.js';
import { parseChannel } from '../chat/ids.js';
import { ANSI, PLAIN, renderText } from '../chat/render.js';
import { loadConfig } from '../config.js';
import { isCalendarDate } from '../time.js';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      date: { type: 'string' },
      channel: { type: 'string' },
      json: { type: 'boolean' },
      lang: { type: 'string' },
    },
  });
  if (values.date !== undefined && !isCalendarDate(values.date)) {
    process.stderr.write(`--date "${values.date}" should be a day such as 2015-06-30\n`);
    return 2;
  }
  const core = await openCore(loadConfig(), { verify: false });
  try {
    const channel = values.channel
      ? (parseChannel(values.channel) ?? { platform: 'slack', channelId: values.channel })
      : undefined;
    const lang = values.lang === 'en' ? 'en' : 'zh';
    const composed = await core.digest.compose(values.date ?? core.digest.today(), channel, lang);
    if (values.json) process.stdout.write(`${JSON.stringify(composed)}\n`);
    else
      process.stdout.write(
        `${composed.replies.map((r) => renderText(r, process.stdout.isTTY ? ANSI : PLAIN)).join('\n\n')}\n`,
      );
    return 0;
  } finally {
    await core.close();
  }
}
