/** `duban start` (`npm start`): Slack and/or WeChat when configured, otherwise the console chat. */
import { openCore } from '../bot/open.js';
import { loadConfig } from '../config.js';

export async function run(): Promise<number> {
  const config = loadConfig();
  const core = await openCore(config);
  const { runConsole } = await import('../console.js');
  await runConsole(core);
  core.close();
  return 0;
}
