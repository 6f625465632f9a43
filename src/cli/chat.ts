/** `duban chat --user ID [--name N] [--channel C] [--message-id M] [--json] "TEXT"`: one message through the bot. */
import { parseArgs } from 'node:util';
import { savedFile } from '../adapters/attachment.js';
import { openCore } from '../bot/open.js';
import { ANSI, PLAIN, renderText } from '../chat/render.js';
import { loadConfig } from '../config.js';

export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      user: { type: 'string' },
      name: { type: 'string' },
      channel: { type: 'string' },
      'message-id': { type: 'string' },
      platform: { type: 'string' },
      json: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  const text = positionals.join(' ');
  if (!values.user || !text.trim()) {
    process.stderr.write('Usage: duban chat --user ID [--name NAME] [--channel C] [--message-id M] [--json] "TEXT"\n');
    return 2;
  }
  const config = loadConfig();
  const core = await openCore(config);
  try {
    const answer = await core.bot.handle({
      platform: values.platform ?? 'cli',
      userId: values.user,
      userName: values.name ?? values.user,
      channelId: values.channel ?? '',
      messageId: values['message-id'],
      text,
      isDirect: !values.channel,
    });
    const out = savedFile(answer, config.DUBAN_DATA_DIR);
    process.stdout.write(
      values.json ? `${JSON.stringify(out)}\n` : `${renderText(out, process.stdout.isTTY ? ANSI : PLAIN)}\n`,
    );
    return 0;
  } finally {
    await core.close();
  }
}
