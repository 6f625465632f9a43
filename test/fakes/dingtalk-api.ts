/**
 * A fake DingTalk OpenAPI on 127.0.0.1 for DINGTALK_API_URL: issues access tokens, records robot
 * group and 1:1 sends, and serves sessionWebhooks (`/robot/sendBySession?session=…`) that record
 * replies. Every call is recorded with its path, token header and body. It also makes robot
 * messages as DingTalk delivers them, with a sessionWebhook pointing here.
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
  /** Staff ids a 1:1 message does not reach: DingTalk lists them in `invalidStaffIdList`. */
  unreachable = new Set<string>();
  private server?: Server;
  private messages = 0;
  url = '';

  /** A robot message as DingTalk sends it: from staff `s1` in group `cidGroup1`, @-mentioning the robot. */
  robotMessage(content: string, more: Record<string, unknown> = {}) {
    const msgId = `msg${++this.messages}`;
    return {
      conversationId: 'cidGroup1',
      atUsers: [{ dingtalkId: '$:LWCP_v1:$robot' }],
      chatbotCorpId: 'ding-corp',
      chatbotUserId: '$:LWCP_v1:$robot',
      msgId,
      senderNick: '张三',
      isAdmin: false,
      senderStaffId: 's1',
      sessionWebhookExpiredTime: Date.now() + 3600_000,
      createAt: Date.now(),
      senderCorpId: 'ding-corp',
      conversationType: '2',
      senderId: '$:LWCP_v1:$s1',
      conversationTitle: '督办工作群',
      isInAtList: true,
      sessionWebhook: this.webhook(msgId),
      text: { content },
      robotCode: 'dingtestapp',
      msgtype: 'text',
      ...more,
    };
  }

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
      if (path === '/v1.0/robot/oToMessages/batchSend') {
        const invalidStaffIdList = (body.userIds as string[]).filter((id) => this.unreachable.has(id));
        return send(200, { processQueryKey: 'q2', invalidStaffIdList, flowControlledStaffIdList: [] });
      }
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
