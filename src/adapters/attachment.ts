/**
 * Files a reply carries (the workbook of `导出`), where a platform cannot send one: the console
 * and the CLI keep it in the data folder and say where; elsewhere the text says it was not sent.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { TEXT } from '../chat/texts.js';
import type { Reply } from '../chat/types.js';

/** The reply without its file, with a note that says so and how to get it. */
export function withoutFile(reply: Reply): Reply {
  const { file, ...rest } = reply;
  return file ? { ...rest, hints: [...reply.hints, TEXT.fileNotSent[reply.lang](file.name, file.command)] } : reply;
}

/** The file written to `dir/exports/` (created when missing); the reply says where, and carries no bytes. */
export function savedFile(reply: Reply, dir: string): Reply {
  const { file, ...rest } = reply;
  if (!file) return reply;
  const folder = join(dir, 'exports');
  mkdirSync(folder, { recursive: true });
  const path = join(folder, basename(file.name));
  writeFileSync(path, file.data);
  return { ...rest, hints: [...reply.hints, TEXT.fileSaved[reply.lang](path)] };
}
