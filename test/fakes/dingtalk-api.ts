/**
 * A fake DingTalk OpenAPI on 127.0.0.1 for DINGTALK_API_URL: issues access tokens, records robot
 * group and 1:1 sends, and serves sessionWebhooks (`/robot/sendBySession?session=…`) that record
 * replies. Every call is recorded with its path, token header and body.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DingtalkCall {
  path: string;
  token?: string;
  body: Record<string, unknown>;
  at: number;
}

export class FakeDingtalkApi {
  calls: DingtalkCall[] = [];
  tokensIssued = 0;
  /** errcode the next sessionWebhook replies answer with (130101: sent too fast). */
  webhookErrors: number[] = [];
  private server?: Server;
  url = '';

  /** Messages posted to a sessionWebhook. */
  replies(): DingtalkCall[] {
    return this.calls.filter((c) => c.path.startsWith('/robot/sendBySession'));
  }

  /** Messages sent unprompted through the robot OpenAPI. */
  pushes(): DingtalkCall[] {
    return this.calls.filter((c) => c.path.startsWith('/v1.0/robot/'));
  }

  /** A sessionWebhook for a conversation, pointing here. */
  webhook(session: string): string {
    return `${this.url}/robot/sendBySession?session=${encodeURIComponent(session)}`;
  }

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const path = req.url ?? '';
      const token = req.headers['x-acs-dingtalk-access-token'] as string | undefined;
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const body = JSON.parse(raw || '{}') as Record<string, unknown>;
      if (path === '/v1.0/oauth2/accessToken') {
        if (body.appSecret !== 'dt-secret') return send(400, { code: 'invalidClientSecret', message: 'bad secret' });
        this.tokensIssued++;
        return send(200, { accessToken: `token-${this.tokensIssued}`, expireIn: 7200 });
      }
      this.calls.push({ path, token, body, at: Date.now() });
      if (!token?.startsWith('token-')) return send(401, { code: 'InvalidAuthentication', message: 'no token' });
      if (path.startsWith('/robot/sendBySession')) {
        const errcode = this.webhookErrors.shift() ?? 0;
        return send(200, { errcode, errmsg: errcode ? 'send too fast' : 'ok' });
      }
      if (path === '/v1.0/robot/groupMessages/send') return send(200, { processQueryKey: 'q1' });
      if (path === '/v1.0/robot/oToMessages/batchSend')
        return send(200, { processQueryKey: 'q2', invalidStaffIdList: [], flowControlledStaffIdList: [] });
      return send(404, { code: 'NotFound', message: path });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}
