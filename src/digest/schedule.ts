/**
 * Sends the digest on a cron schedule (croner, in the configured time zone). Each (channel,
 * date) is claimed in the store before sending, so it goes out once even across retries,
 * restarts and a second process. After a restart past today's time, what was missed is sent.
 * A failing channel is retried with backoff and never holds up the others.
 */
import { Cron } from 'croner';
import type { Channel, Sender } from '../chat/types.js';
import { CLAIM_ABANDONED_MS, type DigestRepository } from '../store/types.js';
import { localDate, startOfLocalDay } from '../time.js';
import type { DigestService } from './service.js';

export type { Sender } from '../chat/types.js';

export interface ScheduleOptions {
  cron: string;
  tz: string;
  skipEmpty: boolean;
  now?: () => Date;
  attempts?: number;
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  log?: (line: string) => void;
}

export type DeliveryResult = 'sent' | 'skipped-empty' | 'already' | 'failed';

export class DigestScheduler {
  private job?: Cron;
  private readonly now: () => Date;

  constructor(
    private readonly service: DigestService,
    private readonly repo: DigestRepository,
    private readonly senders: Record<string, Sender>,
    private readonly opts: ScheduleOptions,
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  /** When the digest is due on a local date (the first cron time that day), if at all. */
  scheduledTime(date: string): Date | undefined {
    const dayStart = startOfLocalDay(date, this.opts.tz);
    const next = new Cron(this.opts.cron, { timezone: this.opts.tz, paused: true }).nextRun(
      new Date(dayStart.getTime() - 1000),
    );
    return next && localDate(next, this.opts.tz) === date ? next : undefined;
  }

  /** Start the schedule, and send today's digest now if its time has passed and it was not sent. */
  async start(): Promise<void> {
    this.job = new Cron(this.opts.cron, { timezone: this.opts.tz, protect: true }, async () => {
      await this.deliverAll(localDate(this.now(), this.opts.tz));
    });
    await this.catchUp();
  }

  stop(): void {
    this.job?.stop();
    this.job = undefined;
    for (const t of this.retries) clearTimeout(t);
    this.retries.clear();
  }

  private readonly retries = new Set<ReturnType<typeof setTimeout>>();

  private retryAfter(channel: Channel, date: string, claimedAt: string): void {
    const wait = Math.max(0, new Date(claimedAt).getTime() + CLAIM_ABANDONED_MS - this.now().getTime()) + 1000;
    const t = setTimeout(() => {
      this.retries.delete(t);
      void this.deliver(channel, date).catch((err) => this.opts.log?.(`digest ${date} retry failed: ${err}`));
    }, wait);
    t.unref?.();
    this.retries.add(t);
  }

  /** Send what is due today and was not sent (after a restart past the scheduled time). */
  async catchUp(): Promise<Map<string, DeliveryResult>> {
    const today = localDate(this.now(), this.opts.tz);
    const due = this.scheduledTime(today);
    if (!due || due > this.now()) return new Map();
    return this.deliverAll(today);
  }

  /** Deliver a date's digest to every channel of a running platform, each on its own. */
  async deliverAll(date: string): Promise<Map<string, DeliveryResult>> {
    const channels = (await this.service.channels()).filter((c) => this.senders[c.platform]);
    const results = await Promise.all(
      channels.map(async (c) => [`${c.platform}:${c.channelId}`, await this.deliver(c, date)] as const),
    );
    return new Map(results);
  }

  /** Deliver one channel's digest for a date, once. */
  async deliver(channel: Channel, date: string): Promise<DeliveryResult> {
    const log = this.opts.log ?? (() => {});
    if (!(await this.repo.claim(channel, date))) {
      // Claimed by a process still sending, or one that died mid-send (a leader killed): look again
      // once such a claim counts as abandoned, so the day's digest still goes out, once.
      const held = await this.repo.delivery(channel, date);
      if (held?.status === 'sending' && this.job) this.retryAfter(channel, date, held.updatedAt);
      return 'already';
    }
    const composed = await this.service.compose(date, channel);
    if (composed.empty && this.opts.skipEmpty) {
      await this.repo.markSent(channel, date, composed.coveredTo);
      return 'skipped-empty';
    }
    const attempts = this.opts.attempts ?? 5;
    const sleep = this.opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
    let lastError = '';
    for (let i = 0; i < attempts; i++) {
      try {
        for (const r of composed.replies) await this.senders[channel.platform]!(channel, r);
        await this.repo.markSent(channel, date, composed.coveredTo);
        log(`digest ${date} sent to ${channel.platform}:${channel.channelId}`);
        return 'sent';
      } catch (err) {
        lastError = String((err as Error)?.message ?? err);
        log(
          `digest ${date} to ${channel.platform}:${channel.channelId} failed ` +
            `(attempt ${i + 1}/${attempts}): ${lastError}`,
        );
        if (i < attempts - 1) await sleep((this.opts.backoffMs ?? 2000) * 2 ** i);
      }
    }
    await this.repo.markFailed(channel, date, lastError);
    return 'failed';
  }
}
