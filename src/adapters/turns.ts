/**
 * One message's work per turn of the event loop. An HTTP receiver acknowledges a request as soon
 * as it has read it; if the answer were worked out right after, a burst of requests would wait
 * for every answer before them to be acknowledged. Here each message waits its turn, and the
 * turns are taken one per pass of the event loop, so requests that arrive meanwhile are read and
 * acknowledged between two answers.
 */
import { setImmediate as later } from 'node:timers';

export class Turns {
  private readonly waiting: (() => void)[] = [];
  private scheduled = false;

  /** Resolves when it is this caller's turn. */
  next(): Promise<void> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      if (!this.scheduled) {
        this.scheduled = true;
        later(() => this.release());
      }
    });
  }

  private release(): void {
    this.waiting.shift()?.();
    if (this.waiting.length) later(() => this.release());
    else this.scheduled = false;
  }
}
