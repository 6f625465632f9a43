/**
 * A fake Feishu Open Platform on 127.0.0.1 for FEISHU_DOMAIN: a tenant access token, the bot's
 * own info, users' names, and recorded IM sends (`im.message.create` and `reply`). It can refuse
 * cards, to see the text fallback, and messages to people the bot cannot reach. Also: events as Feishu sends them, and its encryption.
 */
import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FeishuCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown>;
  auth?: string;
}

export const BOT_OPEN_ID = 'ou_bot';

export class FeishuFakeApi {
  calls: FeishuCall[] = [];
  /** How many of the next interactive messages are refused as invalid cards. */
  refuseCards = 0;
  /** open_ids a message cannot go to (outside the app's availability, or who blocked the bot). */
  unreachable = new Set<string>();
  url = '';
  private server?: Server;

  /** Messages sent: replies and new ones. */
  sends(): FeishuCall[] {
    return this.calls.filter((c) => c.method !== 'refused' && c.path.startsWith('/open-apis/im/v1/messages'));
  }

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      const u = new URL(req.url ?? '/', 'http://x');
      const send = (status: number, body: unknown) =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      const call: FeishuCall = {
        method: req.method ?? '',
        path: u.pathname,
        query: Object.fromEntries(u.searchParams),
        body: JSON.parse(raw || '{}'),
        auth: req.headers.authorization,
      };
      if (u.pathname === '/open-apis/auth/v3/tenant_access_token/internal')
        return send(200, { code: 0, msg: 'ok', tenant_access_token: 't-test', expire: 7200 });
      if (call.auth !== 'Bearer t-test') return send(401, { code: 99991663, msg: 'invalid token' });
      if (u.pathname === '/open-apis/bot/v3/info')
        return send(200, { code: 0, msg: 'ok', bot: { open_id: BOT_OPEN_ID, app_name: '督办' } });
      const user = u.pathname.match(/^\/open-apis\/contact\/v3\/users\/([^/]+)$/);
      if (user) return send(200, { code: 0, msg: 'ok', data: { user: { open_id: user[1], name: `名${user[1]}` } } });
      if (u.pathname.startsWith('/open-apis/im/v1/messages')) {
        if (call.query.receive_id_type === 'open_id' && this.unreachable.has(String(call.body.receive_id))) {
          this.calls.push({ ...call, method: 'refused' });
          return send(400, { code: 230013, msg: 'Bot has NO availability to this user.' });
        }
        if (call.body.msg_type === 'interactive' && this.refuseCards > 0) {
          this.refuseCards--;
          this.calls.push({ ...call, method: 'refused' });
          return send(400, { code: 230099, msg: 'Failed to create card content' });
        }
        this.calls.push(call);
        return send(200, { code: 0, msg: 'success', data: { message_id: `om_${this.calls.length}` } });
      }
      return send(404, { code: 404, msg: u.pathname });
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

let n = 0;

/** An `im.message.receive_v1` event (schema 2.0) from `ou_u1` in group `oc_group1`, @-mentioning the bot. */
export function messageEvent(
  text: string,
  opts: {
    token?: string;
    chatType?: 'group' | 'p2p';
    from?: string;
    mentions?: { key: string; open_id: string; name: string }[];
  } = {},
) {
  n++;
  const mentions = opts.mentions ?? [{ key: '@_user_1', open_id: BOT_OPEN_ID, name: '督办' }];
  return {
    schema: '2.0',
    header: {
      event_id: `ev_${n}`,
      token: opts.token ?? 'verify-token',
      create_time: String(Date.now()),
      event_type: 'im.message.receive_v1',
      tenant_key: 'tenant-1',
      app_id: 'cli_0123456789abcdef',
    },
    event: {
      sender: { sender_id: { open_id: opts.from ?? 'ou_u1', union_id: 'on_u1' }, sender_type: 'user', tenant_key: 't' },
      message: {
        message_id: `om_msg${n}`,
        create_time: String(Date.now()),
        chat_id: opts.chatType === 'p2p' ? 'oc_p2p1' : 'oc_group1',
        chat_type: opts.chatType ?? 'group',
        message_type: 'text',
        content: JSON.stringify({ text }),
        mentions: mentions.map((m) => ({ key: m.key, id: { open_id: m.open_id }, name: m.name, tenant_key: 't' })),
      },
    },
  };
}

/** Encrypt an event the way Feishu does with an Encrypt Key: AES-256-CBC, key sha256(key), IV in front. */
export function encryptEvent(event: unknown, encryptKey: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(event), 'utf8'), cipher.final()]).toString('base64');
}
