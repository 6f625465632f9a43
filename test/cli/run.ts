/**
 * Run `duban` as a user would: in this process (the same `main` the bin runs, output captured)
 * where a child process proves nothing more, or as the built bin in a child process where it
 * does (exit codes, stdin, signals). Each data dir shares one prebuilt search index.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inject } from 'vitest';
import { main } from '../../src/cli/main.js';

const BIN = resolve(import.meta.dirname, '../../bin/duban.js');
const SHARED_INDEX = inject('indexDir');

function shareIndex(env: Record<string, string>): void {
  const dir = env.DUBAN_DATA_DIR;
  // Only a folder that is there (tests of bad folders give ones that are not, or cannot be).
  if (!dir || !existsSync(dir) || !statSync(dir).isDirectory() || env.DUBAN_REPORTS_DIR) return;
  if (!existsSync(join(dir, 'index'))) symlinkSync(SHARED_INDEX, join(dir, 'index'));
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The built bin in a child process. */
export function dubanProcess(args: string[], opts: { env?: Record<string, string>; input?: string } = {}): Run {
  shareIndex(opts.env ?? {});
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    input: opts.input ?? '',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env },
    timeout: 30000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same command in this process, with only `env` as its settings. */
export async function duban(args: string[], opts: { env?: Record<string, string> } = {}): Promise<Run> {
  const env = opts.env ?? {};
  shareIndex(env);
  const saved = process.env;
  const out = { stdout: '', stderr: '' };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture = (to: 'stdout' | 'stderr') =>
    ((chunk: string | Uint8Array) => {
      out[to] += String(chunk);
      return true;
    }) as typeof process.stdout.write;
  process.env = { PATH: saved.PATH, HOME: saved.HOME, ...env };
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  try {
    const code = await main(args);
    return { code, ...out };
  } finally {
    process.env = saved;
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
}
