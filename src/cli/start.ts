/**
 * `duban start` (`npm start`): Slack and/or WeChat when configured, with the digest schedule;
 * otherwise the console chat. Platform modules are imported only when they are configured.
 */
import { openCore } from '../bot/open.js';
import { renderText } from '../bot/render.js';
import { loadConfig } from '../config.js';
import type { Adapter } from '../adapters/adapter.js';
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
  const platforms: { name: string; configured: boolean; open: () => Promise<Adapter> }[] = [
    {
      name: 'slack',
      configured: Boolean(config.SLACK_BOT_TOKEN),
      open: async () => (await import('../adapters/slack/app.js')).createSlackAdapter(core.bot, config, { log: (l) => log(`[slack] ${l}`) }),
    },
    {
      name: 'wechat',
      configured: Boolean(config.WECHATY_PUPPET),
      open: async () => (await import('../adapters/wechat/bot.js')).createWechatAdapter(core.bot, config, { log: (l) => log(`[wechat] ${l}`) }),
    },
  ];
  // `console:NAME` in DUBAN_DIGEST_CHANNELS writes the digest to this process's log.
  const senders: Record<string, Sender> = { console: async (channel, reply) => log(`[digest → ${channel.channelId}]\n${renderText(reply)}`) };
  const running: Adapter[] = [];
  for (const p of platforms.filter((x) => x.configured)) {
    const adapter = await p.open();
    await adapter.start();
    senders[p.name] = (channel, reply) => adapter.send(channel, reply);
    running.push(adapter);
  }
  const { DigestScheduler } = await import('../digest/schedule.js');
  const scheduler = new DigestScheduler(core.digest, core.store.digest, senders, {
    cron: config.DUBAN_DIGEST_CRON,
    tz: config.DUBAN_TZ,
    skipEmpty: config.DUBAN_DIGEST_SKIP_EMPTY,
    log: (l) => log(`[digest] ${l}`),
  });
  await scheduler.start();
  log(`duban is running (${running.length} platform${running.length === 1 ? '' : 's'}: ${platforms.filter((p) => p.configured).map((p) => p.name).join(', ')}); digest "${config.DUBAN_DIGEST_CRON}" in ${config.DUBAN_TZ}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  scheduler.stop();
  for (const adapter of running) await adapter.stop();
  core.close();
  return 0;
}
