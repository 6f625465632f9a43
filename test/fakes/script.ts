/** Module scripts in child node processes with dist/ at hand (process.env.DIST), for soak tests. */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const DIST = resolve(import.meta.dirname, '../../dist');

/** Run a module script in a child node process with dist/ at hand. */
export function script(code: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    env: { PATH: process.env.PATH ?? '', DIST, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.on('error', () => {}); // a child killed mid-write
  return child;
}

export function exited(
  child: ReturnType<typeof script>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  return new Promise((r) => child.on('close', (code) => r({ code, stdout, stderr })));
}
