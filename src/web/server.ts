/**
 * Serve the dashboard over HTTP on DUBAN_WEB_HOST:DUBAN_WEB_PORT. A port in use stops start-up in
 * one line naming the setting (settings that would expose it unsigned never load: config.ts).
 * This module (and Hono) is imported only when the dashboard is served.
 */
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Core } from '../bot/open.js';
import { type Config, ConfigError } from '../config.js';
import { dashboardBase, inUrl } from '../dashboard-link.js';
import { dashboardApp } from './app.js';

export interface Dashboard {
  /** Where it listens, e.g. `http://127.0.0.1:8080/`. */
  url: string;
  close(): Promise<void>;
}

/** Start serving; resolves once it listens. */
export async function serveDashboard(core: Core, config: Config, now?: () => Date): Promise<Dashboard> {
  const host = config.DUBAN_WEB_HOST;
  const app = dashboardApp(core, config, now);
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE' || err.code === 'EADDRNOTAVAIL' || err.code === 'EACCES'
          ? new ConfigError(
              `Setting DUBAN_WEB_PORT=${config.DUBAN_WEB_PORT} is not allowed: ${host}:${config.DUBAN_WEB_PORT} ` +
                `cannot be listened on (${err.code}); choose another DUBAN_WEB_PORT or DUBAN_WEB_HOST, or DUBAN_WEB=off`,
            )
          : err,
      ),
    );
    server.listen(config.DUBAN_WEB_PORT, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${inUrl(host)}:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}

/**
 * The line start-up prints: where the dashboard listens, the address people open when that is
 * another (DUBAN_WEB_URL), and how to get in when a token guards it.
 */
export function dashboardLine(web: Dashboard, config: Config): string {
  const opened = config.DUBAN_WEB_URL ? `, opened at ${dashboardBase(config)}/` : '';
  const guard = config.DUBAN_WEB_TOKEN ? ' (token required: an admin sends 看板 / dashboard in chat for a link)' : '';
  return `duban dashboard (read only): ${web.url}${opened}${guard}`;
}
