/** Sends to each channel one after another, at most one message per interval; channels do not wait for each other. */
export class ChannelPacer {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly lastSent = new Map<string, number>();

  constructor(
    private readonly intervalMs: (channel: string) => number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Run `send` for a channel after the channel's previous sends and its interval. */
  send<T>(channel: string, send: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(channel) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const wait = (this.lastSent.get(channel) ?? 0) + this.intervalMs(channel) - this.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        try {
          return await send();
        } finally {
          this.lastSent.set(channel, this.now());
        }
      });
    this.tails.set(channel, next);
    void next
      .finally(() => {
        if (this.tails.get(channel) === next) this.tails.delete(channel);
      })
      .catch(() => undefined);
    return next;
  }
}
