/**
 * In front of Bolt's HTTP receiver: a request whose timestamp is more than five minutes off
 * either way (Bolt refuses only stale ones) is refused, and a body is read up to a cap before
 * anything buffers it whole. The body read here is handed to Bolt as `rawBody`, which Bolt then
 * verifies and parses as if it had read it itself.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { readCapped } from '../body.js';

export interface GuardOptions {
  maxBytes: number;
  maxSkewSeconds: number;
  now?: () => number;
}

function refuse(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'content-type': 'text/plain' }).end();
}

/** The receiver's request listener, wrapped. */
export function guarded(inner: RequestListener, opts: GuardOptions): RequestListener {
  const now = opts.now ?? (() => Date.now());
  return (req, res) => {
    if (req.method !== 'POST') return inner(req, res);
    const stamp = Number(req.headers['x-slack-request-timestamp']);
    if (Number.isFinite(stamp) && Math.abs(now() / 1000 - stamp) > opts.maxSkewSeconds) return refuse(res, 401);
    if (Number(req.headers['content-length'] ?? 0) > opts.maxBytes) {
      req.resume();
      return refuse(res, 413);
    }
    readCapped(req, opts.maxBytes)
      .then((body) => {
        if (!body) return refuse(res, 413);
        (req as IncomingMessage & { rawBody: Buffer }).rawBody = body;
        inner(req, res);
      })
      .catch(() => refuse(res, 400));
  };
}
