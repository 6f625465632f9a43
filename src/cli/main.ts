/**
 * The `duban` command line. Each command's module is imported only when it runs, so `duban ask`
 * never loads Slack, WeChat or the LLM client.
 */
import { ConfigError } from '../config.js';
import { ReportParseError } from '../report/parse.js';
import { StoreError } from '../store/types.js';

type Command = { run(args: string[]): Promise<number | undefined> };

const COMMANDS: Record<string, () => Promise<Command>> = {
  tasks: () => import('./tasks.js'),
  start: () => import('./start.js'),
  chat: () => import('./chat.js'),
  import: () => import('./import.js'),
  digest: () => import('./digest.js'),
  ask: () => import('./ask.js'),
  eval: () => import('./eval.js'),
  backup: () => import('./backup.js'),
  report: () => import('./report.js'),
  migrate: () => import('./migrate.js'),
  web: () => import('./web.js'),
  remind: () => import('./remind.js'),
};

const USAGE = `duban — 督办: questions, progress and a daily digest for a government work report

Usage:
  duban start                       run the bot (Slack/WeChat when configured, else the console chat) and the dashboard
  duban web                         serve the read-only dashboard alone (DUBAN_WEB_HOST, DUBAN_WEB_PORT)
  duban tasks [SECTION] [--json]    the report as a tree of items and targets
  duban ask [--json] QUESTION       answer a question ("-" reads one question a line from stdin)
  duban chat --user ID "TEXT"       send one chat message through the bot and print the reply
  duban import FILE.csv             load progress records in bulk (--owners FILE.csv: owners of items)
  duban remind [--date D] [--json]  who would be reminded of what (sent by \`duban start\` on DUBAN_REMIND_CRON)
  duban digest [--date D] [--channel C] [--json]   print the daily digest
  duban eval                        score the answers on the evaluation questions
  duban backup FILE                 a copy of the database, taken while duban runs
  duban report --period week|month [--date D] [--last] [--format md|csv|xlsx] [--out FILE]
                                    a week's or a month's report for leadership
  duban migrate --from sqlite:PATH --to postgres://…   copy a SQLite store into PostgreSQL
`;

/** The lines of USAGE about one command (with their continuation lines). */
function usageOf(name: string): string {
  const lines = USAGE.split('\n');
  const own = lines.flatMap((line, i) => {
    if (!line.startsWith(`  duban ${name} `)) return [];
    const more = lines.slice(i + 1).findIndex((l) => !/^ {10,}\S/.test(l));
    return lines.slice(i, i + 1 + (more === -1 ? 0 : more));
  });
  return own.length ? `Usage:\n${own.join('\n')}\n` : USAGE;
}

/** Run the CLI with the arguments after the program name; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    const code = await (await load()).run(args);
    return code ?? 0;
  } catch (err) {
    if (err instanceof ConfigError || err instanceof ReportParseError || err instanceof StoreError) {
      process.stderr.write(`duban: ${err.message}\n`);
      return 2;
    }
    // An option without its value, an unknown option, a value that looks like an option (`--name -2`).
    if (String((err as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS_')) {
      process.stderr.write(`duban ${name}: ${(err as Error).message.replace(/\s*\n\s*/g, ' ')}\n${usageOf(name)}`);
      return 2;
    }
    throw err;
  }
}
