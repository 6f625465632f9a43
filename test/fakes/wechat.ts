/** Waiting on a WeChat adapter that runs on the mock puppet (wechaty-puppet-mock). */
import type { PuppetMock } from 'wechaty-puppet-mock';
import type { WechatAdapter } from '../../src/adapters/wechat/bot.js';
import { until } from './wait.js';

/**
 * A function that resolves once every message the puppet has emitted (people's and the bot's own
 * replies) has reached wechaty's listeners, wechaty loading each first, and the adapter is idle:
 * the moment to say that nothing (more) was sent. Made before the first message.
 */
export function quietness(puppet: PuppetMock, adapter: WechatAdapter): () => Promise<void> {
  let emitted = 0;
  let heard = 0;
  puppet.on('message', () => {
    emitted++;
  });
  adapter.wechaty.on('message', () => {
    heard++;
  });
  return async () => {
    do {
      await until(() => heard === emitted, 5000, 'wechaty to pass on every message');
      await adapter.idle();
    } while (heard !== emitted);
  };
}
