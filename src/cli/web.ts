/** `duban web`: the dashboard alone (no chat platform, no digest), until SIGINT or SIGTERM. */
import { openCore } from '../bot/open.js';
import { loadConfig } from '../config.js';

export async function run(): Promise<number> {
  const config = loadConfig();
  const core = await openCore(config);
  try {
    const { serveDashboard, dashboardLine } = await import('../web/server.js');
    const web = await serveDashboard(core, config);
    console.log(dashboardLine(web, config));
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await web.close();
    return 0;
  } finally {
    await core.close();
  }
}
