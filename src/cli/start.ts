/**
 * `duban start` (`npm start`): Slack and/or WeChat when configured, with the digest schedule;
 * otherwise the console chat. Platform modules are imported only when they are configured.
 */
import { openCore } from '../bot/open.js';
import { loadConfig } from '../config.js';
import type { Sender } from '../digest/schedule.js';

export async function run(): Promise<number> {
  const config = loadConfig();
  const core = await openCore(config);
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  if (!config.SLACK_BOT_TOKEN && !config.WECHATY_PUPPET) {
    const { runConsole } = await import('../console.js');
    await runConsole(core);
    core.close();
    return 0;
  }
  const senders: Record<string, Sender> = {};
  const stops: (() => Promise<void>)[] = [];
  if (config.SLACK_BOT_TOKEN) {
    const { createSlackAdapter } = await import('../adapters/slack/app.js');
    const slack = createSlackAdapter(core.bot, config, { log: (l) => log(`[slack] ${l}`) });
    await slack.start();
    senders.slack = (channel, reply) => slack.send(channel, reply);
    stops.push(() => slack.stop());
  }
  if (config.WECHATY_PUPPET) {
    const { createWechatAdapter } = await import('../adapters/wechat/bot.js');
    const wechat = createWechatAdapter(core.bot, config, { log: (l) => log(`[wechat] ${l}`) });
    await wechat.start();
    senders.wechat = (channel, reply) => wechat.send(channel, reply);
    stops.push(() => wechat.stop());
  }
  const { DigestScheduler } = await import('../digest/schedule.js');
  const scheduler = new DigestScheduler(core.digest, core.store.digest, senders, {
    cron: config.DUBAN_DIGEST_CRON,
    tz: config.DUBAN_TZ,
    skipEmpty: config.DUBAN_DIGEST_SKIP_EMPTY,
    log: (l) => log(`[digest] ${l}`),
  });
  await scheduler.start();
  log(`duban is running (${Object.keys(senders).join(', ')}); digest "${config.DUBAN_DIGEST_CRON}" in ${config.DUBAN_TZ}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  scheduler.stop();
  for (const s of stops) await s();
  core.close();
  return 0;
}
