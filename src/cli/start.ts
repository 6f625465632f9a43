/**
 * `duban start` (`npm start`): every chat platform the environment turns on (adapters/registry.ts),
 * with the digest schedule; otherwise the console chat. And the dashboard unless DUBAN_WEB=off.
 * Platform and dashboard modules are imported only when they are turned on. Of several processes
 * on one PostgreSQL store, every one serves Slack and the dashboard, and the leader alone
 * (store/leader.ts) runs the digest and reminder schedules and WeChat's one login.
 */
import type { Adapter } from '../adapters/adapter.js';
import { enabledPlatforms } from '../adapters/registry.js';
import { openCore } from '../bot/open.js';
import { renderText } from '../chat/render.js';
import { loadConfig } from '../config.js';
import { openLeadership } from '../store/leader.js';
import type { Dashboard } from '../web/server.js';

export async function run(): Promise<number> {
  const config = loadConfig();
  const platforms = enabledPlatforms();
  const core = await openCore(config);
  const log = (line: string) => console.log(`${new Date().toISOString()} ${line}`);
  let web: Dashboard | undefined;
  if (config.DUBAN_WEB === 'on') {
    const { serveDashboard, dashboardLine } = await import('../web/server.js');
    web = await serveDashboard(core, config).catch(async (err) => {
      await core.close();
      throw err;
    });
    log(dashboardLine(web, config));
  }
  if (!platforms.length) {
    const { runConsole } = await import('../console.js');
    await runConsole(core);
    await web?.close();
    await core.close();
    return 0;
  }
  // `console:NAME` in DUBAN_DIGEST_CHANNELS writes the digest to this process's log. Digests and
  // reminders go out through the same senders, one per running platform.
  const senders = core.senders;
  senders.console = async (channel, reply) => log(`[→ console:${channel.channelId}]\n${renderText(reply)}`);
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
  const { RemindScheduler } = await import('../followup/schedule.js');
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
    const reminders =
      config.DUBAN_REMIND_CRON === 'off'
        ? undefined
        : new RemindScheduler(core.followUp, {
            cron: config.DUBAN_REMIND_CRON,
            tz: config.DUBAN_TZ,
            log: (l) => log(`[remind] ${l}`),
          });
    await reminders?.start();
    return async () => {
      scheduler.stop();
      reminders?.stop();
      for (const p of platforms.filter((p) => p.platform.leaderOnly)) delete senders[p.platform.name];
      for (const adapter of led) await adapter.stop();
    };
  });
  const names = platforms.map((p) => p.platform.name).join(', ');
  const count = `${platforms.length} platform${platforms.length === 1 ? '' : 's'}`;
  const remind = config.DUBAN_REMIND_CRON === 'off' ? '' : `, reminders "${config.DUBAN_REMIND_CRON}"`;
  log(`duban is running (${count}: ${names}); digest "${config.DUBAN_DIGEST_CRON}"${remind} in ${config.DUBAN_TZ}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await leadership.stop();
  for (const adapter of running) await adapter.stop();
  await web?.close();
  await core.close();
  return 0;
}
