/**
 * Word of committed progress writes from every process: a trigger on `progress` notifies the
 * `duban_progress` channel (delivered when the writing transaction commits), and a connection of
 * this process listens. Caches of what was read key on `version`, which moves with each word; while
 * the listener is not connected nothing may be cached, since a write could go unheard.
 */
import pg from 'pg';

export const CHANNEL = 'duban_progress';

export class ProgressChanges {
  /** Moves whenever records may have changed. */
  version = 0;
  /** True while every committed write is heard. */
  listening = false;
  private client?: pg.Client;
  private closed = false;
  private retry?: NodeJS.Timeout;

  constructor(private readonly url: string) {}

  /** Start listening (resolves once connected, or once the first try failed). */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, keepAlive: true });
    this.client = client;
    const lost = () => {
      if (this.client !== client) return;
      this.listening = false;
      this.version++;
      this.client = undefined;
      client.end().catch(() => undefined);
      if (!this.closed) this.retry = setTimeout(() => void this.start(), 1000).unref();
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => {
      this.version++;
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      // Anything written before the listener was up is not in any cache made after this.
      this.version++;
      this.listening = true;
    } catch {
      lost();
    }
  }

  /** Records changed here: what was read before is stale. */
  changed(): void {
    this.version++;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }
}
