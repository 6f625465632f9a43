/** How the audit log keeps an input, whichever store holds it. */
import { createHash } from 'node:crypto';
import { type Actor, AUDIT_INPUT_MAX, type Outcome } from './types.js';

/** A text as the log keeps it: whole when short, else a prefix, the full length and a SHA-256. */
export function bounded(text: string): string {
  if (text.length <= AUDIT_INPUT_MAX) return text;
  const hash = createHash('sha256').update(text).digest('hex');
  return `${text.slice(0, AUDIT_INPUT_MAX / 2)}… [${text.length} characters, sha256 ${hash}]`;
}

/** The columns of an audit entry, in order, in either store. */
export const AUDIT_COLUMNS = 'at, platform, user_id, user_name, channel_id, message_id, action, input, outcome, detail';

/** An audit entry's values for AUDIT_COLUMNS, its texts bounded. */
export function auditValues(at: string, by: Actor, action: string, input: string, outcome: Outcome, detail: string) {
  return [
    at,
    by.platform,
    by.userId,
    by.userName,
    by.channelId,
    by.messageId ?? null,
    action,
    bounded(input),
    outcome,
    bounded(detail),
  ];
}
