/**
 * Freshness and single use of signed platform callbacks. A captured request stays validly signed,
 * so a receiver takes a request only when its timestamp is within a few minutes of now and its
 * signature (or nonce) has not been seen in that window. What was seen is remembered in memory
 * for the window only: the window check refuses anything older, so the set never holds more than
 * the window's worth of requests. It is per process: callbacks spread over several processes
 * could each take one copy of a replay, so one process receives a platform's callbacks.
 */

/** How far a callback's timestamp may be from now, either way. */
export const CALLBACK_WINDOW_MS = 5 * 60_000;

/** Signed requests each taken once within a window around now. */
export class OnceWithin {
  /** Seen key → when it may be forgotten; insertion order is roughly expiry order. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = CALLBACK_WINDOW_MS,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** How many requests are remembered: only those the window still covers, however many came before. */
  get size(): number {
    return this.seen.size;
  }

  /** Whether a request stamped `timestampMs` is within the window around now. */
  fresh(timestampMs: number): boolean {
    return Number.isFinite(timestampMs) && Math.abs(this.now() - timestampMs) <= this.windowMs;
  }

  /**
   * Whether a request stamped `timestampMs` and named `key` (its signature, or nonce) is fresh
   * and seen for the first time; it is then remembered, so a second use is refused.
   */
  take(key: string, timestampMs: number): boolean {
    if (!this.fresh(timestampMs)) return false;
    const now = this.now();
    // Forget from the oldest seen; one stamped ahead may keep a few behind it a little longer.
    for (const [k, expires] of this.seen) {
      if (expires >= now) break;
      this.seen.delete(k);
    }
    if (this.seen.has(key)) return false;
    this.seen.set(key, timestampMs + this.windowMs);
    return true;
  }
}
