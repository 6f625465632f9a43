/**
 * The core's settings, read once from the environment (and `.env` when present) and checked with
 * zod; each chat platform reads its own (adapters/registry.ts).
 * A wrong value stops start-up with one line naming the setting, the value and what is allowed.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cron } from 'croner';
import { z } from 'zod';
import { isLoopback, isWildcard } from './dashboard-link.js';
import { isCalendarDate } from './time.js';

/** The project folder (holds data/ and prompts/), whether run from src/ or dist/. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Pieces of settings, shared with each platform's own (adapters/registry.ts). */
export const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(/[,，\s]+/)
      .map((x) => x.trim())
      .filter(Boolean),
  );
export const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((s) => (s ? s : undefined));
/** People as platform-qualified ids: `slack:U0123`, `wechat:wxid_abc`, `cli:ops`. */
const people = list.refine(
  (l) => l.every((e) => /^[a-z]+:[^\s:][^\s]*$/.test(e)),
  'platform-qualified ids such as slack:U0123ABCD, wechat:wxid_abc or cli:ops (send "whoami" to the bot to see yours)',
);
export const port = z.coerce.number().int().min(1).max(65535);
/** A yes/no setting: true, 1 or yes; false, 0, no or unset. */
export const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .default('')
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const date = z.string().refine(isCalendarDate, 'a real day as YYYY-MM-DD, such as 2015-06-30').optional();

function isCron(pattern: string): boolean {
  try {
    new Cron(pattern, { paused: true });
    return true;
  } catch {
    return false;
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const WEB_TOKEN = 'a secret of at least 16 characters';

const ConfigSchema = z.object({
  DUBAN_DATA_DIR: z.string().min(1).default('.duban'),
  /** A PostgreSQL database shared by several duban processes, instead of SQLite in DUBAN_DATA_DIR. */
  DUBAN_DATABASE_URL: z
    .string()
    .regex(/^postgres(?:ql)?:\/\//, 'a URL such as postgres://duban:PASSWORD@db.example.gov:5432/duban')
    .optional(),
  DUBAN_REPORTS_DIR: z.string().min(1).default(resolve(PROJECT_ROOT, 'data/reports')),
  /** The report a bare reference means when several are loaded; the newest year when not set. */
  DUBAN_CURRENT_REPORT: optionalText,
  DUBAN_UPDATERS: people,
  DUBAN_ADMINS: people,
  DUBAN_MAX_MESSAGE_CHARS: z.coerce.number().int().min(50).max(100000).default(2000),
  DUBAN_LLM_BASE_URL: z.string().url('an http(s) URL such as https://api.deepseek.com/v1').optional(),
  DUBAN_LLM_API_KEY: optionalText,
  DUBAN_LLM_MODEL: optionalText,
  DUBAN_LLM_TIMEOUT_MS: z.coerce.number().int().min(100).max(600000).default(20000),
  DUBAN_DIGEST_CRON: z
    .string()
    .default('0 9 * * *')
    .refine(isCron, 'a cron expression such as "0 9 * * *" (minute hour day month weekday)'),
  DUBAN_TZ: z.string().default('Asia/Shanghai').refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai'),
  DUBAN_DIGEST_CHANNELS: list.refine(
    (l) => l.every((e) => /^[a-z]+:.+/.test(e)),
    'entries as platform:channel, e.g. slack:C0123ABCD or wechat:督办工作群',
  ),
  DUBAN_DIGEST_SKIP_EMPTY: bool,
  DUBAN_STALE_DAYS: z.coerce.number().int().min(1).max(365).default(14),
  DUBAN_PLAN_START: date,
  DUBAN_PLAN_END: date,
  /** When owners are reminded of what they owe (default Monday 09:00), or off. */
  DUBAN_REMIND_CRON: z
    .string()
    .default('0 9 * * 1')
    .refine((c) => c === 'off' || isCron(c), 'a cron expression such as "0 9 * * 1" (Monday 09:00), or off'),
  /** The read-only dashboard (web/): served by `npm start` unless off; a token is required off loopback. */
  DUBAN_WEB: z.enum(['on', 'off']).default('on'),
  DUBAN_WEB_HOST: z.string().trim().min(1).default('127.0.0.1'),
  DUBAN_WEB_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DUBAN_WEB_TOKEN: optionalText.refine((t) => !t || t.length >= 16, WEB_TOKEN),
  /** Where people open the dashboard (behind a proxy); http://HOST:PORT when not set. */
  DUBAN_WEB_URL: z
    .string()
    .url('an http(s) URL such as https://duban.example.gov')
    .refine((u) => {
      const url = new URL(u);
      return /^https?:$/.test(url.protocol) && !url.username && !url.password;
    }, 'an http(s) URL without a user or password, such as https://duban.example.gov')
    .optional(),
});

/**
 * Settings that are wrong only together: the dashboard's address. A link people can open from
 * other machines must be signed, and a link cannot name "every address" (0.0.0.0).
 */
const WithWebRules = ConfigSchema.superRefine((c, ctx) => {
  const refuse = (key: keyof typeof c, message: string) => ctx.addIssue({ code: 'custom', path: [key], message });
  if (!c.DUBAN_WEB_TOKEN && c.DUBAN_WEB_URL && !isLoopback(new URL(c.DUBAN_WEB_URL).hostname))
    refuse(
      'DUBAN_WEB_TOKEN',
      `${WEB_TOKEN}, since DUBAN_WEB_URL=${c.DUBAN_WEB_URL} is reachable from other machines and 看板 would hand out an unsigned link to it`,
    );
  else if (!c.DUBAN_WEB_TOKEN && !isLoopback(c.DUBAN_WEB_HOST))
    refuse(
      'DUBAN_WEB_TOKEN',
      `${WEB_TOKEN}, since DUBAN_WEB_HOST=${c.DUBAN_WEB_HOST} is reachable from other machines (or set DUBAN_WEB_HOST=127.0.0.1)`,
    );
  else if (!c.DUBAN_WEB_URL && isWildcard(c.DUBAN_WEB_HOST))
    refuse(
      'DUBAN_WEB_URL',
      `the address people open the dashboard at, such as https://duban.example.gov or http://10.0.0.5:8080, ` +
        `since DUBAN_WEB_HOST=${c.DUBAN_WEB_HOST} listens on every address and a link cannot name one`,
    );
});

/** A setting with a value that is not allowed. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Settings whose values are never repeated into an error or a log. */
const SECRET = /TOKEN|SECRET|KEY|PASSWORD|PASSWD/i;

/**
 * How a refused setting's value is shown: a secret only by its length, a URL without its password
 * (postgres://duban:…@db…; a user alone may be a token, https://…@host), anything else as written.
 */
function shownValue(key: string, value: string | undefined): string {
  const v = value ?? '';
  if (SECRET.test(key) && v) return `(hidden, ${[...v].length} characters)`;
  return JSON.stringify(v).replace(/\/\/([^/@\s:]*)(:[^/@\s]*)?@/g, (_, user: string, password?: string) =>
    password ? `//${user}:…@` : '//…@',
  );
}

/** The one-line refusal of a setting: its name, its value as `shownValue` allows, and what is expected. */
export function refusedSetting(key: string, value: string | undefined, expected: string): ConfigError {
  return new ConfigError(`Setting ${key}=${shownValue(key, value)} is not allowed: expected ${expected}`);
}

export type Config = z.infer<typeof ConfigSchema>;

/**
 * Read the configuration. `env` defaults to `process.env`; `.env` in the working folder is
 * loaded first when it exists (values already set win).
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, { dotenv = env === process.env } = {}): Config {
  if (dotenv && existsSync('.env')) process.loadEnvFile('.env');
  const blanked = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = WithWebRules.safeParse(blanked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0]);
    throw refusedSetting(key, env[key], issue.message);
  }
  const c = parsed.data;
  const llm = [c.DUBAN_LLM_BASE_URL, c.DUBAN_LLM_MODEL].filter(Boolean).length;
  if (llm === 1) {
    throw new ConfigError(
      `Setting DUBAN_LLM_${c.DUBAN_LLM_BASE_URL ? 'MODEL' : 'BASE_URL'}="" is not allowed: ` +
        'set both DUBAN_LLM_BASE_URL and DUBAN_LLM_MODEL, or neither',
    );
  }
  return { ...c, DUBAN_DATA_DIR: resolve(c.DUBAN_DATA_DIR), DUBAN_REPORTS_DIR: resolve(c.DUBAN_REPORTS_DIR) };
}

/** True when an LLM endpoint is configured. */
export function llmConfigured(c: Config): boolean {
  return Boolean(c.DUBAN_LLM_BASE_URL && c.DUBAN_LLM_MODEL);
}
