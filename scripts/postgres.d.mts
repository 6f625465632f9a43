export interface TestPostgres {
  /** postgres://… of the server's `postgres` database. */
  url: string;
  /** A new empty database; its URL. */
  database(): Promise<string>;
  /** Stop the server at once and remove its folder. */
  stop(): void;
}

/** The folder of initdb, pg_ctl and postgres, if any. */
export function postgresBin(): string | undefined;

/** Start a throw-away server on a free port (fsync off unless `durable`). */
export function startPostgres(opts?: { durable?: boolean }): Promise<TestPostgres>;
