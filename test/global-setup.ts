/**
 * Built once for the whole run: the search index every test core and CLI run links to, so no
 * test file pays for building its own. Tests that are about building the index make their own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openAnswerer } from '../src/answer/open.js';
import { loadConfig } from '../src/config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    indexDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'duban-shared-'));
  await openAnswerer(loadConfig({ DUBAN_DATA_DIR: dataDir }));
  project.provide('indexDir', join(dataDir, 'index'));
  return () => rmSync(dataDir, { recursive: true, force: true });
}
