/**
 * Weekly and monthly reports for leadership, in chat (`周报`, `月报`), as a workbook sent into the
 * chat (`导出`), and as files from the command line (`duban report`): one period, every loaded
 * report, the same figures in each form.
 */
import { said } from '../chat/markup.js';
import { TEXT } from '../chat/texts.js';
import { type Lang, type Reply, reply } from '../chat/types.js';
import type { Config } from '../config.js';
import type { Standings } from '../progress/standing.js';
import type { Report } from '../report/types.js';
import type { ProgressRecord, Store } from '../store/types.js';
import { localDate } from '../time.js';
import { buildPeriodReport, type PeriodReport } from './build.js';
import { type Period, type PeriodArgError, type PeriodKind, type PeriodRequest, periodOf } from './period.js';
import { renderPeriod, toMarkdown } from './render.js';
import { targetTable, toCsv } from './table.js';

export type PeriodicConfig = Pick<Config, 'DUBAN_TZ' | 'DUBAN_STALE_DAYS'>;

/**
 * Records in the workbook `导出` sends into the chat: the newest of the period. A month of 100,000
 * took seconds to write (and more overflowed the stack); `duban report --format xlsx` writes them all.
 */
const CHAT_EXPORT_RECORDS = 500;

export class PeriodicService {
  constructor(
    private readonly reports: Report[],
    private readonly store: Pick<Store, 'progress' | 'owners'>,
    private readonly config: PeriodicConfig,
    private readonly standings: Standings,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The week or month a request names: the one holding its date (today when none), or the one before. */
  period(kind: PeriodKind, req: Pick<PeriodRequest, 'previous' | 'date'>): Period {
    const date = req.date ?? localDate(this.now(), this.config.DUBAN_TZ);
    return periodOf(kind, date, this.config.DUBAN_TZ, req.previous);
  }

  /** Every loaded report's period report; undefined when the period has not begun. */
  async build(period: Period): Promise<PeriodReport[] | undefined> {
    const now = this.now();
    if (period.from > now) return undefined;
    return Promise.all(this.reports.map((r) => buildPeriodReport(r, this.store, this.standings, period, now)));
  }

  /**
   * The records of the loaded reports sent in the period (undos included), oldest first: every one,
   * or with `newest` the newest that many, and whether earlier ones were left out.
   */
  async records(period: Period, newest?: number): Promise<{ records: ProgressRecord[]; earlier: boolean }> {
    const ids = new Set(this.reports.map((r) => r.id));
    const to = new Date(Math.min(period.to.getTime(), this.now().getTime() + 1));
    const read = newest === undefined ? undefined : newest + 1;
    const sent = await this.store.progress.between(period.from.toISOString(), to.toISOString(), read);
    const earlier = read !== undefined && sent.length === read;
    return { records: (earlier ? sent.slice(1) : sent).filter((p) => ids.has(p.reportId)), earlier };
  }

  /** The period report as a reply; `all` lifts the chat's limits. */
  render(reports: PeriodReport[], req: PeriodRequest, lang: Lang): Reply {
    const kind = reports[0]!.period.kind;
    const words: ('previous' | 'all')[] = [...(req.previous ? ['previous' as const] : []), 'all'];
    return renderPeriod(reports, {
      lang,
      tz: this.config.DUBAN_TZ,
      staleDays: this.config.DUBAN_STALE_DAYS,
      all: req.all,
      allCommand: TEXT.periodCommand[lang](kind, words, req.date),
    });
  }

  /** `周报` / `月报` in chat. */
  async chat(kind: PeriodKind, req: PeriodRequest | PeriodArgError, lang: Lang): Promise<Reply> {
    const cmd = TEXT.periodCommand[lang](kind, []);
    if ('bad' in req) return invalid(TEXT.periodUsage[lang](said(req.bad), cmd), lang);
    const period = this.period(kind, req);
    const reports = await this.build(period);
    if (!reports) return invalid(TEXT.periodNotYet[lang](period.start), lang);
    return this.render(reports, req, lang);
  }

  /** `导出`: the workbook of a month (or, with `周`, a week), attached to the reply. */
  async export(req: PeriodRequest | PeriodArgError, lang: Lang): Promise<Reply> {
    if ('bad' in req) return invalid(TEXT.periodUsage[lang](said(req.bad), lang === 'zh' ? '导出' : 'export'), lang);
    const period = this.period(req.kind ?? 'month', req);
    const reports = await this.build(period);
    if (!reports) return invalid(TEXT.periodNotYet[lang](period.start), lang);
    const name = fileName(period, 'xlsx');
    const command = `duban report --period ${period.kind} --date ${period.start} --out ${name}`;
    const data = await this.workbook(reports, period, lang, { newest: CHAT_EXPORT_RECORDS, command });
    return reply({
      kind: 'info',
      lang,
      text: [TEXT.exported[lang](name, period.start, period.end)],
      file: {
        name,
        data,
        title: TEXT.periodTitle[lang](period.kind, period.start, period.end),
        command,
      },
    });
  }

  /**
   * The workbook of a period: standings per report, the period's records, the owners. With
   * `newest`, the records sheet holds only the newest that many and ends saying which `command`
   * writes them all.
   */
  async workbook(
    reports: PeriodReport[],
    period: Period,
    lang: Lang,
    limit?: { newest: number; command: string },
  ): Promise<Buffer> {
    const { periodWorkbook } = await import('./workbook.js');
    const { records, earlier } = await this.records(period, limit?.newest);
    const rest = earlier && limit ? TEXT.exportNewest[lang](records.length, limit.command) : undefined;
    return periodWorkbook(reports, records, lang, this.config.DUBAN_TZ, rest);
  }

  /** The period report as Markdown: what `周报 全部` says in chat. */
  markdown(reports: PeriodReport[], req: PeriodRequest, lang: Lang): string {
    return toMarkdown(this.render(reports, { ...req, all: true }, lang));
  }

  /** One CSV row per target of every report. */
  csv(reports: PeriodReport[], lang: Lang): string {
    const tables = reports.map((r) => targetTable(r, lang, this.config.DUBAN_TZ));
    return toCsv({ header: tables[0]!.header, rows: tables.flatMap((t) => t.rows) });
  }
}

/** `duban-week-2015-06-01.xlsx`, `duban-month-2015-06.csv`. */
export function fileName(period: Period, ext: string): string {
  return `duban-${period.kind}-${period.kind === 'week' ? period.start : period.start.slice(0, 7)}.${ext}`;
}

function invalid(text: string, lang: Lang): Reply {
  return reply({ kind: 'invalid', lang, ephemeral: true, text: [text] });
}
