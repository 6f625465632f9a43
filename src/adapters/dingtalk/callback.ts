/**
 * DingTalk's HTTP callbacks: each request carries `timestamp` (milliseconds) and `sign`, the
 * base64 HMAC-SHA256 of `timestamp + "\n" + secret` keyed with the app secret. A request more than
 * an hour off (DingTalk's own rule) or wrongly signed is refused before its body is read; a body
 * is read up to a cap. The callback is acknowledged at once and handled after.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readCapped } from '../body.js';

/** DingTalk refuses callbacks whose timestamp is more than an hour from now; so does duban. */
export const MAX_SKEW_MS = 60 * 60_000;
/** The largest callback body read; DingTalk's are a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/** DingTalk's signature of a timestamp. */
export function signOf(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** Whether a callback's `timestamp` and `sign` headers are DingTalk's and recent. */
export function validSign(
  timestamp: string | undefined,
  sign: string | undefined,
  secret: string,
  now = Date.now(),
): boolean {
  if (!timestamp || !sign || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(now - Number(timestamp)) > MAX_SKEW_MS) return false;
  const expected = Buffer.from(signOf(timestamp, secret));
  const given = Buffer.from(sign);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** An HTTP server taking signed callbacks at `path`; `onMessage` gets each parsed body after the ack. */
export function callbackServer(path: string, secret: string, onMessage: (body: unknown) => void): Server {
  return createServer((req, res) => {
    const done = (status: number, body = '') =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(body || undefined);
    if ((req.url ?? '').split('?')[0] !== path) return done(404);
    if (req.method !== 'POST') return done(405);
    if (!validSign(header(req, 'timestamp'), header(req, 'sign'), secret)) {
      req.resume();
      return done(401);
    }
    if (Number(header(req, 'content-length') ?? 0) > MAX_BODY_BYTES) {
      req.resume();
      return done(413);
    }
    readCapped(req, MAX_BODY_BYTES)
      .then((raw) => {
        if (!raw) return done(413);
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          return done(400);
        }
        done(200, '{}');
        onMessage(body);
      })
      .catch(() => done(400));
  });
}
