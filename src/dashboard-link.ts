/**
 * Signed dashboard links: `…/?t=EXPIRES.SIGNATURE`, an HMAC-SHA256 over the expiry, keyed by
 * DUBAN_WEB_TOKEN. The chat command `看板` hands one to an admin; the dashboard (web/) checks it.
 * Also the dashboard's address: the one links are made from, and the host names it answers to.
 * Here on the ground floor so the bot, the settings and the web can all use it.
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

/** True for an address only this machine can reach (`[::1]` as a URL writes it, too). */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** True for an address that means "every address of this machine": no link can be made from it. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** A host name as a URL holds it (lower case, IPv6 in brackets), or undefined when it is not one. */
export function hostnameOf(hostAndPort: string): string | undefined {
  try {
    return new URL(`http://${hostAndPort}`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * The host names a request to the dashboard may carry: the configured public address, the bound
 * address, and this machine's loopback names (a proxy on this machine sends those). Any other
 * name reached it by a DNS trick (rebinding) or a mistake.
 */
export function dashboardHostnames(c: WebConfig): Set<string> {
  const names = ['localhost', '127.0.0.1', '[::1]'];
  if (c.DUBAN_WEB_URL) names.push(new URL(c.DUBAN_WEB_URL).hostname);
  if (!isWildcard(c.DUBAN_WEB_HOST)) names.push(hostnameOf(inUrl(c.DUBAN_WEB_HOST)) ?? '');
  return new Set(names.filter(Boolean));
}

/** A listening address as a URL writes it: IPv6 in brackets. */
export function inUrl(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** The dashboard's address as people open it. */
export function dashboardBase(c: WebConfig): string {
  if (c.DUBAN_WEB_URL) return c.DUBAN_WEB_URL.replace(/\/+$/, '');
  return `http://${inUrl(c.DUBAN_WEB_HOST)}:${c.DUBAN_WEB_PORT}`;
}

/** A link to the dashboard: signed, and good for an hour, when a token guards it; else its plain address. */
export function dashboardLink(c: WebConfig, now: Date): { url: string; expires?: Date } {
  const base = `${dashboardBase(c)}/`;
  if (!c.DUBAN_WEB_TOKEN) return { url: base };
  const expires = new Date(now.getTime() + LINK_TTL_MS);
  return { url: `${base}?t=${signToken(c.DUBAN_WEB_TOKEN, expires)}`, expires };
}
