/**
 * `duban start` (`npm start`): every chat platform the environment turns on (adapters/registry.ts),
 * with the digest schedule; otherwise the console chat. And the dashboard unless DUBAN_WEB=off.
 * Platform and dashboard modules are imported only when they are turned on.
 */
import type { Adapter } from '../adapters/adapter.js';
import { enabledPlatforms } from '../adapters/registry.js';
import { openCore } from '../bot/open.js';
import { renderText } from '../chat/render.js';
import { loadConfig } from '../config.js';
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
  const running: Adapter[] = [];
  for (const { platform, settings } of platforms) {
    const adapter = await platform.open(
      core.port((l) => log(`[${platform.name}] ${l}`)),
      settings,
    );
    await adapter.start();
    senders[platform.name] = (channel, reply) => adapter.send(channel, reply);
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
  const { RemindScheduler } = await import('../followup/schedule.js');
  const reminders =
    config.DUBAN_REMIND_CRON === 'off'
      ? undefined
      : new RemindScheduler(core.followUp, {
          cron: config.DUBAN_REMIND_CRON,
          tz: config.DUBAN_TZ,
          log: (l) => log(`[remind] ${l}`),
        });
  await reminders?.start();
  const names = platforms.map((p) => p.platform.name).join(', ');
  const count = `${running.length} platform${running.length === 1 ? '' : 's'}`;
  const remind = reminders ? `, reminders "${config.DUBAN_REMIND_CRON}"` : '';
  log(`duban is running (${count}: ${names}); digest "${config.DUBAN_DIGEST_CRON}"${remind} in ${config.DUBAN_TZ}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  scheduler.stop();
  reminders?.stop();
  for (const adapter of running) await adapter.stop();
  await web?.close();
  await core.close();
  return 0;
}
