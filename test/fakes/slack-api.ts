/**
 * A fake Slack Web API on 127.0.0.1 for SLACK_API_URL: answers auth.test and users.info, and
 * records chat.postMessage / chat.postEphemeral. It can answer 429 with Retry-After.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
}

export class FakeSlackApi {
  calls: SlackCall[] = [];
  /** How many of the next chat.postMessage calls get a 429. */
  rateLimitNext = 0;
  private server?: Server;

  posts(): SlackCall[] {
    return this.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral');
  }

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0]!;
      const args: Record<string, unknown> = {};
      if ((req.headers['content-type'] ?? '').includes('json')) Object.assign(args, JSON.parse(raw || '{}'));
      else for (const [k, v] of new URLSearchParams(raw)) args[k] = k === 'blocks' ? JSON.parse(v) : v;
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      };
      if (method === 'chat.postMessage' && this.rateLimitNext > 0) {
        this.rateLimitNext--;
        this.calls.push({ method: 'rate-limited', args, at: Date.now() });
        return send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      }
      this.calls.push({ method, args, at: Date.now() });
      switch (method) {
        case 'auth.test':
          return send(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'duban' });
        case 'users.info':
          return send(200, {
            ok: true,
            user: {
              id: args.user,
              name: `name-${args.user}`,
              real_name: `Real ${args.user}`,
              profile: { display_name: `显示${args.user}` },
            },
          });
        case 'chat.postMessage':
          return send(200, { ok: true, channel: args.channel, ts: `${Date.now() / 1000}` });
        case 'chat.postEphemeral':
          return send(200, { ok: true, message_ts: `${Date.now() / 1000}` });
        default:
          return send(200, { ok: false, error: 'unknown_method' });
      }
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}
