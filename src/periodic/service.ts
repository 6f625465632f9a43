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

  /** Every record of the loaded reports sent in the period (undos included), oldest first. */
  async records(period: Period): Promise<ProgressRecord[]> {
    const ids = new Set(this.reports.map((r) => r.id));
    const to = new Date(Math.min(period.to.getTime(), this.now().getTime() + 1));
    return (await this.store.progress.between(period.from.toISOString(), to.toISOString())).filter((p) =>
      ids.has(p.reportId),
    );
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
    const data = await this.workbook(reports, period, lang);
    const name = fileName(period, 'xlsx');
    return reply({
      kind: 'info',
      lang,
      text: [TEXT.exported[lang](name, period.start, period.end)],
      file: {
        name,
        data,
        title: TEXT.periodTitle[lang](period.kind, period.start, period.end),
        command: `duban report --period ${period.kind} --date ${period.start} --out ${name}`,
      },
    });
  }

  /** The workbook of a period: standings per report, the period's records, the owners. */
  async workbook(reports: PeriodReport[], period: Period, lang: Lang): Promise<Buffer> {
    const { periodWorkbook } = await import('./workbook.js');
    return periodWorkbook(reports, await this.records(period), lang, this.config.DUBAN_TZ);
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
