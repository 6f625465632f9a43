/**
 * Signed dashboard links: `…/?t=EXPIRES.SIGNATURE`, an HMAC-SHA256 over the expiry, keyed by
 * DUBAN_WEB_TOKEN. The chat command `看板` hands one to an admin; the dashboard (web/) checks it.
 * Here on the ground floor so both can use it without the bot importing the web.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Config } from './config.js';

/** How long a link opens the dashboard. */
export const LINK_TTL_MS = 60 * 60 * 1000;

type WebConfig = Pick<Config, 'DUBAN_WEB_HOST' | 'DUBAN_WEB_PORT' | 'DUBAN_WEB_TOKEN' | 'DUBAN_WEB_URL'>;

function signature(secret: string, expires: number): string {
  return createHmac('sha256', secret).update(`duban-dashboard:${expires}`).digest('base64url');
}

/** A token that opens the dashboard until `expires`. */
export function signToken(secret: string, expires: Date): string {
  const seconds = Math.floor(expires.getTime() / 1000);
  return `${seconds}.${signature(secret, seconds)}`;
}

/** True when the token was signed with `secret` and has not expired at `now`. */
export function verifyToken(secret: string, token: string, now: Date): boolean {
  const m = /^(\d{1,12})\.([\w-]{43})$/.exec(token);
  if (!m) return false;
  const expires = Number(m[1]);
  const given = Buffer.from(m[2]!);
  const wanted = Buffer.from(signature(secret, expires));
  return timingSafeEqual(given, wanted) && expires * 1000 > now.getTime();
}

/** True for an address only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** The dashboard's address as people open it. */
export function dashboardBase(c: WebConfig): string {
  if (c.DUBAN_WEB_URL) return c.DUBAN_WEB_URL.replace(/\/+$/, '');
  const host = c.DUBAN_WEB_HOST.includes(':') ? `[${c.DUBAN_WEB_HOST}]` : c.DUBAN_WEB_HOST;
  return `http://${host}:${c.DUBAN_WEB_PORT}`;
}

/** A link to the dashboard: signed, and good for an hour, when a token guards it; else its plain address. */
export function dashboardLink(c: WebConfig, now: Date): { url: string; expires?: Date } {
  const base = `${dashboardBase(c)}/`;
  if (!c.DUBAN_WEB_TOKEN) return { url: base };
  const expires = new Date(now.getTime() + LINK_TTL_MS);
  return { url: `${base}?t=${signToken(c.DUBAN_WEB_TOKEN, expires)}`, expires };
}
