/**
 * Platform-qualified ids: `slack:U0123`, `wechat:wxid_…`, `cli:ops`. A user or channel id means
 * nothing without its platform; everything that stores or compares one uses these.
 */
import type { Channel } from './types.js';

/** `platform:id`. */
export function qualify(platform: string, id: string): string {
  return `${platform}:${id}`;
}

/** `slack:C123` → { platform: 'slack', channelId: 'C123' }; undefined when there is no platform part. */
export function parseChannel(text: string): Channel | undefined {
  const i = text.indexOf(':');
  if (i <= 0 || i === text.length - 1) return undefined;
  return { platform: text.slice(0, i), channelId: text.slice(i + 1) };
}
