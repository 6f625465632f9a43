/**
 * The DingTalk adapter: an enterprise-internal app's robot, over Stream mode (dingtalk-stream's
 * long connection) or HTTP callbacks at /dingtalk/events. It answers a group message that @s the
 * robot and any 1:1 message through the message's sessionWebhook, as markdown @-mentioning the
 * asker in a group, paced under DingTalk's 20 messages a minute per group. Digests and reminders
 * go through the robot OpenAPI, and so does a reply meant for one person asked for in a group: to
 * that person 1:1 (private.ts). It holds no business rules.
 */
import type { Server } from 'node:http';
import { DWClient, type DWClientDownStream, TOPIC_ROBOT } from 'dingtalk-stream';
import { z } from 'zod';
import type { Mention, Reply } from '../../chat/types.js';
import { type Adapter, type ChatPort, turn } from '../adapter.js';
import { withoutFile } from '../attachment.js';
import { InFlight } from '../in-flight.js';
import { ChannelPacer } from '../pacer.js';
import { replyInGroup } from '../private.js';
import { Turns } from '../turns.js';
import { DingtalkApi, type Markdown } from './api.js';
import { callbackServer } from './callback.js';
import { toDingtalkMarkdown } from './render.js';
import type { DingtalkSettings } from './settings.js';

export interface DingtalkOptions {
  /** Least time between two messages to one conversation; DingTalk allows 20 a minute per group. */
  minIntervalMs?: number;
}

export interface DingtalkAdapter extends Adapter {
  /** The Stream-mode client (its callback listener is registered when the adapter is made), in stream mode. */
  client?: DWClient;
}

/** DingTalk allows 20 messages a minute per group: a little over three seconds apart, no minute holds 21. */
const DEFAULT_INTERVAL_MS = 3100;

/** A robot message as DingTalk delivers it (Stream frame data or HTTP callback body). */
const RobotMessage = z.object({
  msgId: z.string().min(1),
  msgtype: z.string(),
  text: z.object({ content: z.string() }).optional(),
  conversationId: z.string().min(1),
  /** 1: a 1:1 chat, 2: a group. */
  conversationType: z.string(),
  senderId: z.string().min(1),
  senderStaffId: z.string().optional(),
  senderNick: z.string().default(''),
  chatbotUserId: z.string().optional(),
  atUsers: z.array(z.object({ dingtalkId: z.string(), staffId: z.string().optional() })).default([]),
  sessionWebhook: z.string().url().optional(),
  sessionWebhookExpiredTime: z.number().optional(),
});
type RobotMessage = z.infer<typeof RobotMessage>;

/**
 * The text without a leading @robot some clients leave in, and the people it @s besides the
 * robot. DingTalk gives their staff ids but not their names; a name is taken from the text only
 * when one person is mentioned, so two mentioned people are never mixed up (ids then name them).
 */
function readMentions(message: RobotMessage): { text: string; mentions: Mention[] } {
  const others = message.atUsers.filter((u) => u.dingtalkId !== message.chatbotUserId && u.staffId);
  let text = (message.text?.content ?? '').trim();
  const names = () => [...text.matchAll(/[@＠]([^\s@＠]+)/g)].map((m) => m[1]!);
  if (names().length > others.length && /^[@＠]\S+/.test(text)) text = text.replace(/^[@＠]\S+\s*/, '');
  const found = names();
  const mentions = others.map((u) => ({
    userId: u.staffId!,
    name: others.length === 1 && found.length === 1 ? found[0]! : '',
  }));
  return { text, mentions };
}

export function createDingtalkAdapter(
  port: ChatPort,
  config: DingtalkSettings,
  opts: DingtalkOptions = {},
): DingtalkAdapter {
  const log = port.log;
  const clientId = config.DINGTALK_CLIENT_ID!;
  const secret = config.DINGTALK_CLIENT_SECRET!;
  const api = new DingtalkApi(config.DINGTALK_API_URL, clientId, secret, config.DINGTALK_ROBOT_CODE ?? clientId);
  const pacer = new ChannelPacer(() => opts.minIntervalMs ?? DEFAULT_INTERVAL_MS);
  const turns = new Turns();
  const work = new InFlight();

  /** One message to a channel unprompted: a group by openConversationId, a person (`dm:<staffId>`) 1:1. */
  function push(channelId: string, message: Markdown): Promise<void> {
    return channelId.startsWith('dm:')
      ? api.sendToUsers([channelId.slice(3)], message)
      : api.sendToGroup(channelId, message);
  }

  /** The sessionWebhook to answer a message by: live, and on DingTalk's origin (else the token would leave). */
  function webhookOf(answering: RobotMessage | undefined): string | undefined {
    const webhook = answering?.sessionWebhook;
    if (!webhook || (answering.sessionWebhookExpiredTime ?? Number.POSITIVE_INFINITY) <= Date.now()) return undefined;
    if (api.trusts(webhook)) return webhook;
    log(`answering ${answering.msgId} through the API: its sessionWebhook is not on DingTalk’s origin`);
    return undefined;
  }

  async function deliver(channelId: string, reply: Reply, answering?: RobotMessage, at?: string): Promise<void> {
    const webhook = webhookOf(answering);
    // A robot sends no files: a reply's file becomes a note on how to get it.
    for (const message of toDingtalkMarkdown(withoutFile(reply), at)) {
      await pacer.send(channelId, () => (webhook ? api.reply(webhook, message) : push(channelId, message)));
    }
  }

  async function handle(m: RobotMessage): Promise<void> {
    if (m.msgtype !== 'text' || !m.text) return;
    await turns.next();
    const isDirect = m.conversationType === '1';
    const userId = m.senderStaffId || m.senderId;
    const { text, mentions } = readMentions(m);
    const channelId = isDirect ? `dm:${userId}` : m.conversationId;
    const message = {
      platform: 'dingtalk',
      messageId: m.msgId,
      channelId,
      userId,
      userName: m.senderNick,
      text,
      isDirect,
      mentionsBot: !isDirect,
      mentions,
    };
    const staffId = m.senderStaffId;
    await turn(port, message, (reply) =>
      isDirect
        ? deliver(channelId, reply, m)
        : replyInGroup(reply, {
            group: (r) => deliver(channelId, r, m, staffId),
            // The group's sessionWebhook posts to the group: a 1:1 message needs the OpenAPI and a staff id.
            person: staffId ? (r) => deliver(`dm:${staffId}`, r) : undefined,
            log,
          }),
    );
  }

  function receive(body: unknown): void {
    const parsed = RobotMessage.safeParse(body);
    if (!parsed.success) {
      log(`ignored a callback that is not a robot message: ${parsed.error.issues[0]?.message}`);
      return;
    }
    work
      .track(handle(parsed.data))
      .catch((err) => log(`could not answer ${parsed.data.msgId}: ${(err as Error)?.message ?? err}`));
  }

  let client: DWClient | undefined;
  let server: Server | undefined;
  if (config.DINGTALK_MODE === 'stream') {
    // keepAlive pings the gateway, so a connection that died quietly is noticed and opened again.
    const stream = new DWClient({ clientId, clientSecret: secret, keepAlive: true });
    stream.registerCallbackListener(TOPIC_ROBOT, (frame: DWClientDownStream) => {
      // Acknowledged at once, or DingTalk pushes the message again; a repeat is answered once anyway.
      stream.socketCallBackResponse(frame.headers.messageId, {});
      try {
        receive(JSON.parse(frame.data));
      } catch {
        log(`ignored a frame that is not JSON (${frame.headers.messageId})`);
      }
    });
    client = stream;
  } else server = callbackServer('/dingtalk/events', secret, receive);

  return {
    client,
    async start() {
      if (client) {
        await client.connect();
        log(client.connected ? 'connected in Stream mode' : 'could not connect in Stream mode yet; retrying');
        return;
      }
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(config.DINGTALK_PORT, () => resolve());
      });
      log(`listening on port ${config.DINGTALK_PORT} at /dingtalk/events`);
    },
    async stop() {
      client?.disconnect();
      if (server?.listening) {
        server.closeAllConnections();
        await new Promise((r) => server!.close(r));
      }
    },
    async send(channel, reply) {
      await deliver(channel.channelId, reply);
    },
    idle: () => work.idle(),
  };
}
