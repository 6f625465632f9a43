/**
 * `duban start` (`npm start`): every chat platform the environment turns on (adapters/registry.ts),
 * with the digest schedule; otherwise the console chat. Platform modules are imported only when
 * they are turned on. Of several processes on one PostgreSQL store, every one serves Slack and
 * the leader alone (store/leader.ts) runs the digest schedule and WeChat's one login.
 */
import type { Adapter } from '../adapters/adapter.js';
import { enabledPlatforms } from '../adapters/registry.js';
import { openCore } from '../bot/open.js';
import { renderText } from '../chat/render.js';
import { loadConfig } from '../config.js';
import type { Sender } from '../digest/schedule.js';
import { openLeadership } from '../store/leader.js';

export async function run(): Promise<number> {
  const config = loadConfig();
  const platforms = enabledPlatforms();
  const core = await openCore(config);
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  if (!platforms.length) {
    const { runConsole } = await import('../console.js');
    await runConsole(core);
    await core.close();
    return 0;
  }
  // `console:NAME` in DUBAN_DIGEST_CHANNELS writes the digest to this process's log.
  const senders: Record<string, Sender> = {
    console: async (channel, reply) => log(`[digest → ${channel.channelId}]\n${renderText(reply)}`),
  };
  const open = async ({ platform, settings }: (typeof platforms)[number]) => {
    const adapter = await platform.open(
      core.port((l) => log(`[${platform.name}] ${l}`)),
      settings,
    );
    await adapter.start();
    senders[platform.name] = (channel, reply) => adapter.send(channel, reply);
    return adapter;
  };
  const running: Adapter[] = [];
  for (const p of platforms.filter((p) => !p.platform.leaderOnly)) running.push(await open(p));
  const { DigestScheduler } = await import('../digest/schedule.js');
  const leadership = await openLeadership(config, (l) => log(`[leader] ${l}`));
  await leadership.start(async () => {
    const led: Adapter[] = [];
    for (const p of platforms.filter((p) => p.platform.leaderOnly)) led.push(await open(p));
    const scheduler = new DigestScheduler(core.digest, core.store.digest, senders, {
      cron: config.DUBAN_DIGEST_CRON,
      tz: config.DUBAN_TZ,
      skipEmpty: config.DUBAN_DIGEST_SKIP_EMPTY,
      log: (l) => log(`[digest] ${l}`),
    });
    await scheduler.start();
    return async () => {
      scheduler.stop();
      for (const p of platforms.filter((p) => p.platform.leaderOnly)) delete senders[p.platform.name];
      for (const adapter of led) await adapter.stop();
    };
  });
  const names = platforms.map((p) => p.platform.name).join(', ');
  const count = `${platforms.length} platform${platforms.length === 1 ? '' : 's'}`;
  log(`duban is running (${count}: ${names}); digest "${config.DUBAN_DIGEST_CRON}" in ${config.DUBAN_TZ}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await leadership.stop();
  for (const adapter of running) await adapter.stop();
  await core.close();
  return 0;
}
