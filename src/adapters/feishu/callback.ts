/**
 * Feishu's HTTP event callbacks at /feishu/events. The SDK's own dispatcher does not compare the
 * Verification Token, and its HTTP adapter answers only after the handler is done (Feishu
 * retries after 3 seconds), so this server does both itself: with an Encrypt Key the body's
 * signature is checked, its timestamp must be within minutes of now and its nonce not seen
 * before (a captured event cannot be sent again), and the body is decrypted; the token in the
 * event must be the app's; the URL-verification challenge is answered; an event is acknowledged
 * at once and handled after.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { AESCipher } from '@larksuiteoapi/node-sdk';
import { readCapped } from '../body.js';
import { OnceWithin } from '../replay.js';

/** The largest callback body read; Feishu's events are a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface CallbackOptions {
  path: string;
  verificationToken: string;
  encryptKey?: string;
  /** Each verified event, decrypted, after it was acknowledged. */
  onEvent(event: Record<string, unknown>): void;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function header(req: IncomingMessage, name: string): string {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

/** Feishu's signature of a body: sha256 of timestamp, nonce, encrypt key and the raw body. */
export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey + body)
    .digest('hex');
}

/** An HTTP server taking Feishu's events at `opts.path`, each verified as above. */
export function callbackServer(opts: CallbackOptions): Server {
  const cipher = opts.encryptKey ? new AESCipher(opts.encryptKey) : undefined;
  const once = new OnceWithin();
  return createServer((req, res) => {
    const done = (status: number, body?: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body));
    if ((req.url ?? '').split('?')[0] !== opts.path) return done(404);
    if (req.method !== 'POST') return done(405);
    if (Number(header(req, 'content-length') || 0) > MAX_BODY_BYTES) {
      req.resume();
      return done(413);
    }
    readCapped(req, MAX_BODY_BYTES)
      .then((buffer) => {
        if (!buffer) return done(413);
        const raw = buffer.toString('utf8');
        let event: Record<string, unknown>;
        try {
          const outer = JSON.parse(raw) as Record<string, unknown>;
          if (typeof outer.encrypt === 'string') {
            if (!cipher) return done(400);
            event = JSON.parse(cipher.decrypt(outer.encrypt)) as Record<string, unknown>;
          } else event = outer;
        } catch {
          return done(400);
        }
        const token = String((event.header as { token?: string } | undefined)?.token ?? event.token ?? '');
        if (!same(token, opts.verificationToken)) return done(401);
        if (event.type === 'url_verification') return done(200, { challenge: event.challenge });
        if (opts.encryptKey) {
          const [timestamp, nonce] = [header(req, 'x-lark-request-timestamp'), header(req, 'x-lark-request-nonce')];
          const signature = feishuSignature(timestamp, nonce, opts.encryptKey, raw);
          if (!same(signature, header(req, 'x-lark-signature'))) return done(401);
          // Feishu stamps in seconds.
          if (!/^\d+$/.test(timestamp) || !once.take(`${timestamp} ${nonce}`, Number(timestamp) * 1000))
            return done(401);
        }
        done(200, {});
        opts.onEvent(event);
      })
      .catch(() => done(400));
  });
}
