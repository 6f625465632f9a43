/**
 * Reminds owners on a cron schedule (croner, in the configured time zone; Monday 09:00 by
 * default). Each owner is claimed once per week in the store, so restarts, retries and a second
 * process send nothing twice; after a restart past this week's time, what was missed is sent. A
 * reminder another process claimed and did not finish (a leader killed mid-send) is looked at again
 * once that claim counts as abandoned, so it still goes out, once.
 */
import { Cron } from 'croner';
import { CLAIM_ABANDONED_MS } from '../store/types.js';
import type { FollowUp } from './service.js';

export interface RemindScheduleOptions {
  cron: string;
  tz: string;
  now?: () => Date;
  log?: (line: string) => void;
}

export class RemindScheduler {
  private job?: Cron;
  private readonly now: () => Date;

  constructor(
    private readonly followUp: FollowUp,
    private readonly opts: RemindScheduleOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** The latest scheduled time at or before `at` within the same week, if any. */
  lastDue(at: Date): Date | undefined {
    const cron = new Cron(this.opts.cron, { timezone: this.opts.tz, paused: true });
    let t = cron.nextRun(new Date(at.getTime() - 7 * 86400000));
    let last: Date | undefined;
    while (t && t <= at) {
      last = t;
      t = cron.nextRun(t);
    }
    return last && this.followUp.period(last) === this.followUp.period(at) ? last : undefined;
  }

  async start(): Promise<void> {
    this.job = new Cron(this.opts.cron, { timezone: this.opts.tz, protect: true }, () => this.run());
    if (this.lastDue(this.now())) await this.run();
  }

  stop(): void {
    this.job?.stop();
    this.job = undefined;
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
  }

  private retry?: ReturnType<typeof setTimeout>;

  /** Run again once claims held by another sender now count as abandoned (one pending look at a time). */
  private lookAgain(): void {
    if (!this.job || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.run();
    }, CLAIM_ABANDONED_MS + 1000);
    this.retry.unref?.();
  }

  /** Remind everyone due now; what was sent this week already is not sent again. */
  async run(): Promise<void> {
    const log = this.opts.log ?? (() => {});
    try {
      const results = await this.followUp.remindAll(this.now());
      const sent = results.filter((r) => r.result === 'sent').length;
      if (results.length) log(`reminders: ${sent} sent, ${results.length - sent} not (already, held, or failed)`);
      if (results.some((r) => r.result === 'held')) this.lookAgain();
    } catch (err) {
      log(`reminders failed: ${String((err as Error)?.message ?? err)}`);
    }
  }
}
