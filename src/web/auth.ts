/**
 * Who may look. Only requests to the dashboard's own host names are answered: a page of another
 * name that reaches this port (DNS rebinding) is refused before anything else.
 * Without DUBAN_WEB_TOKEN (loopback only) everyone who can reach the port may.
 * With it: a signed link (`?t=…`, from `看板` in chat) is swapped for a cookie that lasts as long as
 * the link, and the address is shown without it; scripts may send `Authorization: Bearer TOKEN`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { hostnameOf, verifyToken } from '../dashboard-link.js';
import { ownPath } from './html.js';

const COOKIE = 'duban_dashboard';

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

type Refuse = (c: Parameters<MiddlewareHandler>[0]) => Response | Promise<Response>;

/**
 * Requests whose `Host` (and, for an absolute request line, URL) is not one of `hostnames` get
 * `refuse`'s answer.
 */
export function requireHost(hostnames: Set<string>, refuse: Refuse): MiddlewareHandler {
  return async (c, next) => {
    const given = [c.req.header('host'), new URL(c.req.url).host].filter((h) => h !== undefined).map(hostnameOf);
    return given.every((h) => h !== undefined && hostnames.has(h)) ? next() : refuse(c);
  };
}

/**
 * Requests without a valid link, cookie or bearer token get `refuse`'s answer. The cookie is
 * `Secure` when `secure` (the public address is https, though a proxy may speak http to us).
 */
export function requireAccess(
  secret: string | undefined,
  now: () => Date,
  refuse: Refuse,
  secure = false,
): MiddlewareHandler {
  return async (c, next) => {
    if (!secret) return next();
    const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer && sameSecret(bearer, secret)) return next();
    const link = c.req.query('t');
    if (link !== undefined) {
      if (!verifyToken(secret, link, now())) return refuse(c);
      const url = new URL(c.req.url);
      const expires = Number(link.split('.')[0]);
      setCookie(c, COOKIE, link, {
        httpOnly: true,
        sameSite: 'Lax',
        path: '/',
        secure: secure || url.protocol === 'https:',
        maxAge: Math.max(1, expires - Math.floor(now().getTime() / 1000)),
      });
      url.searchParams.delete('t');
      return c.redirect(ownPath(url), 303);
    }
    const cookie = getCookie(c, COOKIE);
    if (cookie && verifyToken(secret, cookie, now())) return next();
    return refuse(c);
  };
}
