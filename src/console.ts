/**
 * The console chat: the bot in a terminal, over the bundled report, so a newcomer can try every
 * command in the first minute. On a TTY it has history and colour; piped input is answered
 * line by line.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { savedFile } from './adapters/attachment.js';
import type { Core } from './bot/open.js';
import { ANSI, PLAIN, renderText } from './chat/render.js';

export async function runConsole(
  core: Core,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream & { isTTY?: boolean } = process.stdout,
): Promise<void> {
  const tty = Boolean(output.isTTY && (input as { isTTY?: boolean }).isTTY);
  const style = tty ? ANSI : PLAIN;
  const user = userInfo().username || 'console';
  const rl = createInterface({
    input,
    output: tty ? output : undefined,
    terminal: tty,
    historySize: 200,
    prompt: tty ? '督办> ' : '',
  });
  if (tty) {
    const r = core.bot.answerer.reports[0]!;
    output.write(
      `${style.bold('督办 duban')} — ${r.title}（${r.city} ${r.year}）\n` +
        `${style.dim('试试：人才团队的引进目标是多少？ ｜ 进展 4.3 已引进领军人才及团队12个 ｜ 状态 ｜ 帮助 ｜ exit 退出')}\n`,
    );
    rl.prompt();
  }
  let n = 0;
  for await (const line of rl) {
    const text = line.trim();
    if (/^(exit|quit|退出)$/i.test(text)) break;
    if (text) {
      const answer = await core.bot.handle({
        platform: 'console',
        userId: user,
        userName: user,
        channelId: 'console',
        text,
        isDirect: true,
        messageId: `console-${process.pid}-${Date.now()}-${n++}`,
      });
      const reply = savedFile(answer, core.dataDir);
      output.write(`${renderText(reply, style)}\n${tty ? '\n' : ''}`);
    }
    if (tty) rl.prompt();
  }
  rl.close();
}
