/** Signed requests to a Bolt HTTP receiver, the way Slack signs them. */
import { createHmac } from 'node:crypto';

export async function sendSigned(
  url: string,
  secret: string,
  body: string,
  opts: { contentType?: string; headers?: Record<string, string>; badSignature?: boolean; skewSeconds?: number } = {},
) {
  const ts = Math.floor(Date.now() / 1000 + (opts.skewSeconds ?? 0)).toString();
  const sig = `v0=${createHmac('sha256', opts.badSignature ? 'wrong-secret' : secret)
    .update(`v0:${ts}:${body}`)
    .digest('hex')}`;
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': opts.contentType ?? 'application/json',
      'x-slack-request-timestamp': ts,
      'x-slack-signature': sig,
      ...opts.headers,
    },
    body,
  });
}
