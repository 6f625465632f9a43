/**
 * The Feishu / Lark adapter on @larksuiteoapi/node-sdk: events over the SDK's long connection
 * (WSClient) or HTTP callbacks at /feishu/events, both through one EventDispatcher. It answers a
 * group message that @s the bot and any direct message, as an interactive card replying to the
 * message (the asker @-mentioned in a group), with plain text when a card is refused. A repeated
 * event carries the same message id and is answered and recorded once. Digests and reminders go
 * out through the IM API (`im.message.create` to a chat_id or an open_id), and so does a reply meant
 * for one person asked for in a group: to that person's open_id (private.ts). No business rules here.
 */
import type { Server } from 'node:http';
import * as lark from '@larksuiteoapi/node-sdk';
import type { Mention, Reply } from '../../chat/types.js';
import { type Adapter, type ChatPort, turn } from '../adapter.js';
import { withoutFile } from '../attachment.js';
import { InFlight } from '../in-flight.js';
import { ChannelPacer } from '../pacer.js';
import { replyInGroup } from '../private.js';
import { Turns } from '../turns.js';
import { callbackServer } from './callback.js';
import { toFeishuCards, toFeishuTexts } from './card.js';
import type { FeishuSettings } from './settings.js';

export interface FeishuOptions {
  /** Least time between two messages to one chat (Feishu allows 5 a second per chat). */
  minIntervalMs?: number;
}

export interface FeishuAdapter extends Adapter {
  client: lark.Client;
  /** The handler of events, given to the WSClient (or the HTTP server): `im.message.receive_v1`. */
  dispatcher: lark.EventDispatcher;
}

type ReceiveHandler = NonNullable<Parameters<lark.EventDispatcher['register']>[0]['im.message.receive_v1']>;
type MessageEvent = Parameters<ReceiveHandler>[0];

/** Feishu answered with an error code: the message (a card, say) was refused. */
class Refused extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(`Feishu refused it: ${code} ${message}`);
  }
}

const DEFAULT_INTERVAL_MS = 300;

/** The SDK's log lines, warnings and errors only, into the adapter's log. */
function sdkLogger(log: (line: string) => void) {
  const line = (...parts: unknown[]) =>
    log(
      `sdk: ${parts
        .flat()
        .map((p) => (p instanceof Error ? p.message : typeof p === 'string' ? p : JSON.stringify(p)))
        .join(' ')}`,
    );
  const quiet = () => {};
  return { error: line, warn: line, info: quiet, debug: quiet, trace: quiet };
}

/** An IM API call, its answer checked: a non-zero code (in a 200 or a 4xx) is a refusal. */
async function checked(call: () => Promise<{ code?: number; msg?: string } | undefined>): Promise<void> {
  let res: { code?: number; msg?: string } | undefined;
  try {
    res = await call();
  } catch (err) {
    const data = (err as { response?: { data?: { code?: number; msg?: string } } }).response?.data;
    if (data?.code) throw new Refused(data.code, data.msg ?? '');
    throw err;
  }
  if (res?.code) throw new Refused(res.code, res.msg ?? '');
}

/** The text of a message with its mentions read: the bot's taken out, others as `@name`. */
function readText(
  message: MessageEvent['message'],
  botOpenId: string | undefined,
): { text: string; mentions: Mention[]; mentionsBot: boolean } {
  let text = '';
  try {
    text = String((JSON.parse(message.content) as { text?: unknown }).text ?? '');
  } catch {
    text = '';
  }
  const all = message.mentions ?? [];
  const isBot = (m: (typeof all)[number]) => Boolean(botOpenId) && m.id.open_id === botOpenId;
  const byKey = new Map(all.map((m) => [m.key, m]));
  text = text.replace(/@_user_\d+/g, (key) => {
    const m = byKey.get(key);
    return !m ? key : isBot(m) ? ' ' : `@${m.name}`;
  });
  const mentions = all.filter((m) => !isBot(m) && m.id.open_id).map((m) => ({ userId: m.id.open_id!, name: m.name }));
  return { text: text.replace(/\s+/g, ' ').trim(), mentions, mentionsBot: all.some(isBot) };
}

export function createFeishuAdapter(port: ChatPort, config: FeishuSettings, opts: FeishuOptions = {}): FeishuAdapter {
  const log = port.log;
  const logger = sdkLogger(log);
  const domain =
    config.FEISHU_DOMAIN === 'feishu'
      ? lark.Domain.Feishu
      : config.FEISHU_DOMAIN === 'lark'
        ? lark.Domain.Lark
        : config.FEISHU_DOMAIN;
  const credentials = { appId: config.FEISHU_APP_ID!, appSecret: config.FEISHU_APP_SECRET!, domain };
  const client = new lark.Client({ ...credentials, loggerLevel: lark.LoggerLevel.warn, logger });
  const pacer = new ChannelPacer(() => opts.minIntervalMs ?? DEFAULT_INTERVAL_MS);
  const turns = new Turns();
  const work = new InFlight();
  const names = new Map<string, string>();
  let botOpenId: Promise<string | undefined> | undefined;

  /** The bot's own open_id (to tell its mention from others'), asked once. */
  function bot(): Promise<string | undefined> {
    botOpenId ??= client
      .request<{ code?: number; bot?: { open_id?: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' })
      .then((r) => {
        if (!r.bot?.open_id) throw new Error(`code ${r.code}`);
        return r.bot.open_id;
      })
      .catch((err) => {
        log(`could not read the bot's own id: ${(err as Error)?.message ?? err}`);
        botOpenId = undefined;
        return undefined;
      });
    return botOpenId;
  }

  /** A person's name from the contact API (needs a contact permission), else their open_id. */
  async function userName(openId: string): Promise<string> {
    const known = names.get(openId);
    if (known) return known;
    const name = await client.contact.user
      .get({ path: { user_id: openId }, params: { user_id_type: 'open_id' } })
      .then((r) => r.data?.user?.name || openId)
      .catch(() => openId);
    names.set(openId, name);
    return name;
  }

  /** One message out: a reply to a message, or new in a chat (`dm:<open_id>` is a person). */
  function post(channelId: string, replyTo: string | undefined, msgType: 'interactive' | 'text', content: string) {
    if (replyTo)
      return checked(() =>
        client.im.message.reply({ path: { message_id: replyTo }, data: { msg_type: msgType, content } }),
      );
    const direct = channelId.startsWith('dm:');
    return checked(() =>
      client.im.message.create({
        params: { receive_id_type: direct ? 'open_id' : 'chat_id' },
        data: { receive_id: direct ? channelId.slice(3) : channelId, msg_type: msgType, content },
      }),
    );
  }

  async function deliver(channelId: string, reply: Reply, replyTo?: string, at?: string): Promise<void> {
    // Files are not sent here yet: a reply's file becomes a note on how to get it.
    const cards = toFeishuCards(withoutFile(reply), at);
    try {
      await pacer.send(channelId, () => post(channelId, replyTo, 'interactive', JSON.stringify(cards[0])));
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      log(`card refused (${err.message}); sending plain text`);
      for (const text of toFeishuTexts(withoutFile(reply), at))
        await pacer.send(channelId, () => post(channelId, replyTo, 'text', JSON.stringify({ text })));
      return;
    }
    for (const card of cards.slice(1))
      await pacer.send(channelId, () => post(channelId, replyTo, 'interactive', JSON.stringify(card)));
  }

  async function onMessage(event: MessageEvent): Promise<void> {
    const { sender, message } = event;
    const openId = sender.sender_id?.open_id;
    if (sender.sender_type !== 'user' || !openId || message.message_type !== 'text') return;
    const isDirect = message.chat_type === 'p2p';
    const { text, mentions, mentionsBot } = readText(message, await bot());
    if (!isDirect && !mentionsBot) return;
    await turns.next();
    const channelId = isDirect ? `dm:${openId}` : message.chat_id;
    const chat = {
      platform: 'feishu',
      messageId: message.message_id,
      channelId,
      userId: openId,
      userName: await userName(openId),
      text,
      isDirect,
      mentionsBot,
      mentions,
    };
    await turn(port, chat, (reply) =>
      isDirect
        ? deliver(channelId, reply, message.message_id)
        : replyInGroup(reply, {
            group: (r) => deliver(channelId, r, message.message_id, openId),
            person: (r) => deliver(`dm:${openId}`, r),
            log,
          }),
    );
  }

  const dispatcher = new lark.EventDispatcher({
    verificationToken: config.FEISHU_VERIFICATION_TOKEN,
    encryptKey: config.FEISHU_ENCRYPT_KEY,
    loggerLevel: lark.LoggerLevel.warn,
    logger,
  }).register({
    // Answered after the handler returns: Feishu sends an event again when it waits over 3 seconds.
    'im.message.receive_v1': (event) => {
      work
        .track(onMessage(event))
        .catch((err) => log(`could not answer ${event.message?.message_id}: ${(err as Error)?.message ?? err}`));
    },
  });

  let ws: lark.WSClient | undefined;
  let server: Server | undefined;
  if (config.FEISHU_MODE === 'ws')
    ws = new lark.WSClient({
      ...credentials,
      loggerLevel: lark.LoggerLevel.warn,
      logger,
      onError: (err) => log(`long connection failed: ${err.message}`),
    });
  else
    server = callbackServer({
      path: '/feishu/events',
      verificationToken: config.FEISHU_VERIFICATION_TOKEN!,
      encryptKey: config.FEISHU_ENCRYPT_KEY,
      onEvent: (event) => {
        // Counted from here: the dispatcher reaches the handler above only after awaits of its own.
        work
          .track(dispatcher.invoke(event, { needCheck: false }))
          .catch((err) => log(`event failed: ${(err as Error)?.message}`));
      },
    });

  return {
    client,
    dispatcher,
    async start() {
      if (ws) {
        await ws.start({ eventDispatcher: dispatcher });
        log('connecting over the long connection');
        return;
      }
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(config.FEISHU_PORT, () => resolve());
      });
      log(`listening on port ${config.FEISHU_PORT} at /feishu/events`);
      if (!config.FEISHU_ENCRYPT_KEY)
        log(
          'WARNING: FEISHU_INSECURE_NO_ENCRYPT_KEY is set, so events are not signed: anyone who learns the ' +
            'Verification Token can act as any user. Set FEISHU_ENCRYPT_KEY instead.',
        );
    },
    async stop() {
      ws?.close({ force: true });
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
