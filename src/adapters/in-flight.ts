/**
 * The messages an adapter has taken in and not finished with: each on its way to an answer (waiting
 * its turn, in the core, its reply queued at the pacer or being sent) or being dropped. `idle()`
 * says when there is none, so "nothing was sent" can be stated once the adapter is provably done
 * rather than after a guessed pause.
 */
export class InFlight {
  private count = 0;
  private readonly waiting: (() => void)[] = [];

  /** `work` itself, counted until it settles. Start tracking where the work is taken in, before any await. */
  track<T>(work: Promise<T>): Promise<T> {
    this.count++;
    return work.finally(() => {
      if (--this.count > 0) return;
      for (const wake of this.waiting.splice(0)) wake();
    });
  }

  /** Resolves once nothing is in flight (at once when nothing is). A send the caller awaits is not counted. */
  idle(): Promise<void> {
    return this.count ? new Promise((resolve) => this.waiting.push(resolve)) : Promise.resolve();
  }
}
