/**
 * A fake Slack Web API on 127.0.0.1 for SLACK_API_URL: answers auth.test and users.info, and
 * records chat.postMessage / chat.postEphemeral. It can answer 429 with Retry-After. Files come
 * the way files.uploadV2 sends them: files.getUploadURLExternal gives an upload URL on this
 * server, the bytes are POSTed there as multipart form data, files.completeUploadExternal shares
 * them in a channel.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  at: number;
}

/** A file uploaded through the fake: what was announced, the bytes, where it was shared. */
export interface SlackUpload {
  id: string;
  filename: string;
  length: number;
  data?: Buffer;
  channel?: string;
  threadTs?: string;
  title?: string;
}

/** The first part of a multipart/form-data body (the file), as bytes. */
function firstPart(body: Buffer, contentType: string): Buffer | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const start = body.indexOf(delimiter);
  const end = body.indexOf(delimiter, start + delimiter.length);
  if (start < 0 || end < 0) return undefined;
  const part = body.subarray(start + delimiter.length, end);
  const headersEnd = part.indexOf('\r\n\r\n');
  return part.subarray(headersEnd + 4, part.length - 2); // the CRLF before the next delimiter
}

export class FakeSlackApi {
  calls: SlackCall[] = [];
  uploads: SlackUpload[] = [];
  /** files.completeUploadExternal answers an error (a missing files:write scope). */
  refuseFiles = false;
  /** How many of the next chat.postMessage calls get a 429. */
  rateLimitNext = 0;
  private server?: Server;

  posts(): SlackCall[] {
    return this.calls.filter((c) => c.method === 'chat.postMessage' || c.method === 'chat.postEphemeral');
  }

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const raw = body.toString('utf8');
      const upload = /^\/upload\/(\w+)$/.exec(req.url ?? '');
      if (upload) {
        const u = this.uploads.find((x) => x.id === upload[1]);
        this.calls.push({ method: 'upload', args: { id: upload[1] }, at: Date.now() });
        if (u) u.data = firstPart(body, req.headers['content-type'] ?? '');
        res.writeHead(u?.data ? 200 : 404, { 'content-type': 'text/plain' });
        res.end(u?.data ? `OK - ${u.data.length}` : 'no such upload');
        return;
      }
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
        case 'files.getUploadURLExternal': {
          const id = `F${this.uploads.length + 1}`;
          this.uploads.push({ id, filename: String(args.filename), length: Number(args.length) });
          const { port } = this.server!.address() as AddressInfo;
          return send(200, { ok: true, upload_url: `http://127.0.0.1:${port}/upload/${id}`, file_id: id });
        }
        case 'files.completeUploadExternal': {
          if (this.refuseFiles) return send(200, { ok: false, error: 'missing_scope' });
          const files = JSON.parse(String(args.files)) as { id: string; title?: string }[];
          for (const f of files) {
            const u = this.uploads.find((x) => x.id === f.id);
            if (!u?.data) return send(200, { ok: false, error: 'file_not_found' });
            Object.assign(u, { channel: args.channel_id, threadTs: args.thread_ts, title: f.title });
          }
          return send(200, { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) });
        }
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
