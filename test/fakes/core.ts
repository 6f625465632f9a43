/** A real core (SQLite store, index, bot) in a throw-away data dir, with a clock tests can move. */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type Core, openCore } from '../../src/bot/open.js';
import { renderText } from '../../src/chat/render.js';
import type { ChatMessage, Reply } from '../../src/chat/types.js';
import { loadConfig } from '../../src/config.js';
import { tempDir } from './tmp.js';

export interface TestCore extends Core {
  clock: { now: Date };
  /** Send text as a user; returns the reply and its plain text. */
  say(text: string, from?: Partial<ChatMessage>): Promise<Reply & { plain: string }>;
}

/** One search index for the whole run, built by the global setup and linked into every data dir. */
const SHARED_INDEX = inject('indexDir');
const OTHER_INDEX = new Map<string, string>();

/**
 * A throw-away data dir linked to a built search index: the shared one for the bundled report; other
 * reports get an index of their own, built by the first core over them and shared by the rest in this file.
 */
export function indexedDataDir(reportsDir?: string): string {
  const dataDir = tempDir();
  if (reportsDir && !OTHER_INDEX.has(reportsDir)) OTHER_INDEX.set(reportsDir, tempDir('duban-index-'));
  symlinkSync(reportsDir ? OTHER_INDEX.get(reportsDir)! : SHARED_INDEX, join(dataDir, 'index'));
  return dataDir;
}

export async function testCore(env: Record<string, string> = {}, start = '2015-06-01T02:00:00Z'): Promise<TestCore> {
  const clock = { now: new Date(start) };
  const dataDir = indexedDataDir(env.DUBAN_REPORTS_DIR);
  const config = loadConfig({ DUBAN_DATA_DIR: dataDir, ...env });
  const core = await openCore(config, { now: () => clock.now });
  let n = 0;
  return {
    ...core,
    clock,
    async say(text, from = {}) {
      const r = await core.bot.handle({
        platform: 'test',
        userId: 'u1',
        userName: '张三',
        channelId: 'C1',
        text,
        messageId: `m${n++}`,
        ...from,
      });
      return { ...r, plain: renderText(r) };
    },
  };
}
