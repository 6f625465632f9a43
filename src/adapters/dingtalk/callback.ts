/**
 * DingTalk's HTTP callbacks: each request carries `timestamp` (milliseconds) and `sign`, the
 * base64 HMAC-SHA256 of `timestamp + "\n" + secret` keyed with the app secret. The sign covers the
 * timestamp only, not the body: a captured pair would carry any body DingTalk allows an hour for.
 * So a request is taken only when rightly signed, stamped within minutes of now, and its pair not
 * seen before (a second body under one pair is refused) — all before its body is read; a body is
 * read up to a cap. The callback is acknowledged at once and handled after.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readCapped } from '../body.js';
import { OnceWithin } from '../replay.js';

/** The largest callback body read; DingTalk's are a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/** DingTalk's signature of a timestamp. */
export function signOf(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

/** Whether a callback's `timestamp` and `sign` headers are DingTalk's (fresh or not). */
function validSign(timestamp: string | undefined, sign: string | undefined, secret: string): boolean {
  if (!timestamp || !sign || !/^\d+$/.test(timestamp)) return false;
  const expected = Buffer.from(signOf(timestamp, secret));
  const given = Buffer.from(sign);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * An HTTP server taking signed, fresh, first-seen callbacks at `path`; `onMessage` gets each
 * parsed body after the ack.
 */
export function callbackServer(path: string, secret: string, onMessage: (body: unknown) => void): Server {
  const once = new OnceWithin();
  return createServer((req, res) => {
    const done = (status: number, body = '') =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(body || undefined);
    if ((req.url ?? '').split('?')[0] !== path) return done(404);
    if (req.method !== 'POST') return done(405);
    const [timestamp, sign] = [header(req, 'timestamp'), header(req, 'sign')];
    if (!validSign(timestamp, sign, secret) || !once.take(`${timestamp} ${sign}`, Number(timestamp))) {
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
