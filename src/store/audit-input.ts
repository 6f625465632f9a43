/** How the audit log keeps an input, whichever store holds it. */
import { createHash } from 'node:crypto';
import { AUDIT_INPUT_MAX } from './types.js';

/** A text as the log keeps it: whole when short, else a prefix, the full length and a SHA-256. */
export function bounded(text: string): string {
  if (text.length <= AUDIT_INPUT_MAX) return text;
  const hash = createHash('sha256').update(text).digest('hex');
  return `${text.slice(0, AUDIT_INPUT_MAX / 2)}… [${text.length} characters, sha256 ${hash}]`;
}
