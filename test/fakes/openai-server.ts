/**
 * A fake OpenAI-compatible chat completions endpoint on 127.0.0.1. Each test sets what the
 * "model" replies (or how it fails) and reads what duban sent.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeBehaviour {
  content?: string;
  status?: number;
  /** Answer nothing: the request ends when the client gives up waiting (or at stop()). */
  hang?: boolean;
}

export class FakeOpenAI {
  behaviour: FakeBehaviour = { content: '' };
  requests: { path: string; body: { model: string; messages: { role: string; content: string }[] } }[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer(async (req: IncomingMessage, res) => {
      let raw = '';
      for await (const chunk of req) raw += chunk;
      this.requests.push({ path: req.url ?? '', body: JSON.parse(raw || '{}') });
      const { content = '', status = 200, hang = false } = this.behaviour;
      if (hang) return;
      res.writeHead(status, { 'content-type': 'application/json' });
      if (status !== 200) return res.end(JSON.stringify({ error: { message: 'fake failure', type: 'server_error' } }));
      res.end(
        JSON.stringify({
          id: 'chatcmpl-fake',
          object: 'chat.completion',
          created: 0,
          model: 'fake-model',
          choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
        }),
      );
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/v1`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}
