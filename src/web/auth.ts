/**
 * Who may look. Without DUBAN_WEB_TOKEN (loopback only) everyone who can reach the port may.
 * With it: a signed link (`?t=…`, from `看板` in chat) is swapped for a cookie that lasts as long as
 * the link, and the address is shown without it; scripts may send `Authorization: Bearer TOKEN`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { verifyToken } from '../dashboard-link.js';

const COOKIE = 'duban_dashboard';

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Requests without a valid link, cookie or bearer token get `refuse`'s answer. */
export function requireAccess(
  secret: string | undefined,
  now: () => Date,
  refuse: (c: Parameters<MiddlewareHandler>[0]) => Response | Promise<Response>,
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
        secure: url.protocol === 'https:',
        maxAge: Math.max(1, expires - Math.floor(now().getTime() / 1000)),
      });
      url.searchParams.delete('t');
      // One leading slash: `//host/` would send the visitor to another site.
      return c.redirect(`${url.pathname.replace(/^\/+/, '/')}${url.search}`, 303);
    }
    const cookie = getCookie(c, COOKIE);
    if (cookie && verifyToken(secret, cookie, now())) return next();
    return refuse(c);
  };
}
