/**
 * The Slack adapter: a Bolt app (Socket Mode with SLACK_APP_TOKEN, else HTTP on SLACK_PORT at
 * /slack/events) that turns mentions, direct messages, thread follow-ups, `/duban` and a tap on a
 * choice's button into ChatMessages, and renders each Reply as Block Kit. It holds no business rules.
 */
import { App, type BlockButtonAction, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { Reply } from '../../chat/types.js';
import { type Adapter, type ChatPort, turn } from '../adapter.js';
import { withoutFile } from '../attachment.js';
import { InFlight } from '../in-flight.js';
import { ChannelPacer } from '../pacer.js';
import { Turns } from '../turns.js';
import { CHOICE_ACTION, toSlackMessages } from './blocks.js';
import { guarded } from './guard.js';
import type { SlackSettings } from './settings.js';

export interface SlackOptions {
  /** Least time between two messages to one channel. */
  minIntervalMs?: number;
}

export interface SlackAdapter extends Adapter {
  app: InstanceType<typeof App>;
}

/** The largest request body read; Slack's own are a few kilobytes. */
const MAX_BODY_BYTES = 1024 * 1024;

/** A mention of the bot (`<@U123>`) removed from the text. */
function stripMention(text: string, botUserId: string | undefined): string {
  return text
    .replace(botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /^<@[A-Z0-9]+(\|[^>]*)?>/, ' ')
    .trim();
}

/** Slack's HTTP events, behind the guard: timestamps ±5 minutes, bodies up to 1 MB. */
function httpReceiver(config: SlackSettings): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET!,
    endpoints: '/slack/events',
    processBeforeResponse: false,
  });
  receiver.requestListener = guarded(receiver.requestListener, { maxBytes: MAX_BODY_BYTES, maxSkewSeconds: 300 });
  return receiver;
}

export function createSlackAdapter(port: ChatPort, config: SlackSettings, opts: SlackOptions = {}): SlackAdapter {
  const log = port.log;
  const clientOptions = {
    slackApiUrl: config.SLACK_API_URL,
    retryConfig: { retries: 2, factor: 1, minTimeout: 200, maxTimeout: 2000 },
  };
  const app = config.SLACK_APP_TOKEN
    ? new App({
        token: config.SLACK_BOT_TOKEN,
        appToken: config.SLACK_APP_TOKEN,
        socketMode: true,
        clientOptions,
        logLevel: LogLevel.WARN,
      })
    : new App({
        token: config.SLACK_BOT_TOKEN,
        receiver: httpReceiver(config),
        clientOptions,
        logLevel: LogLevel.WARN,
      });
  const pacer = new ChannelPacer(() => opts.minIntervalMs ?? 1000);
  /** Answers are worked out one per pass of the event loop, after the acks of what has arrived. */
  const turns = new Turns();
  /** Threads the bot has answered in (kept in the store): a follow-up there needs no mention. */
  const threads = port.threads;
  const names = new Map<string, string>();
  let botUserId: string | undefined;

  async function userName(userId: string): Promise<string> {
    const known = names.get(userId);
    if (known) return known;
    try {
      const info = await app.client.users.info({ user: userId });
      const name = info.user?.profile?.display_name || info.user?.real_name || info.user?.name || userId;
      names.set(userId, name);
      return name;
    } catch {
      return userId;
    }
  }

  async function post(channel: string, reply: Reply, where: { threadTs?: string; user?: string } = {}): Promise<void> {
    // A file is seen by the whole channel: never with a reply meant for one person.
    const out = reply.ephemeral && where.user ? withoutFile(reply) : reply;
    for (const m of toSlackMessages(out)) {
      await pacer.send(channel, async () => {
        if (out.ephemeral && where.user) {
          await app.client.chat.postEphemeral({
            channel,
            user: where.user,
            text: m.text,
            blocks: m.blocks as never,
            thread_ts: where.threadTs,
          });
        } else {
          await app.client.chat.postMessage({
            channel,
            text: m.text,
            blocks: m.blocks as never,
            thread_ts: where.threadTs,
          });
        }
      });
    }
    if (out.file) await pacer.send(channel, () => upload(channel, out, where.threadTs));
  }

  /** The reply's file into the channel (files.uploadV2); when Slack refuses it, a line that says so. */
  async function upload(channel: string, reply: Reply, threadTs?: string): Promise<void> {
    const file = reply.file!;
    try {
      const what = { file: file.data, filename: file.name, title: file.title ?? file.name };
      await app.client.files.uploadV2(
        threadTs ? { ...what, channel_id: channel, thread_ts: threadTs } : { ...what, channel_id: channel },
      );
    } catch (err) {
      log(`could not upload ${file.name} to ${channel}: ${(err as Error).message}`);
      const note = withoutFile(reply).hints.at(-1)!;
      await app.client.chat.postMessage({ channel, text: note, thread_ts: threadTs });
    }
  }

  async function handle(e: {
    channel: string;
    user: string;
    text: string;
    ts: string;
    threadTs?: string;
    isDirect: boolean;
    mentionsBot: boolean;
  }): Promise<void> {
    await turns.next();
    // People mentioned besides the bot (`负责 4.3 <@U2>`), with their names.
    const ids = [...new Set([...e.text.matchAll(/<@([A-Z0-9]+)(?:\|[^>]*)?>/g)].map((m) => m[1]!))].filter(
      (id) => id !== botUserId,
    );
    const mentions = await Promise.all(ids.map(async (id) => ({ userId: id, name: await userName(id) })));
    const message = {
      platform: 'slack',
      messageId: `${e.channel}:${e.ts}`,
      mentions,
      channelId: e.channel,
      userId: e.user,
      userName: await userName(e.user),
      text: stripMention(e.text, botUserId),
      threadId: e.threadTs,
      isDirect: e.isDirect,
      mentionsBot: e.mentionsBot,
    };
    await turn(port, message, async (reply) => {
      const threadTs = e.isDirect ? e.threadTs : (e.threadTs ?? e.ts);
      if (threadTs) await threads.remember('slack', e.channel, threadTs);
      await post(e.channel, reply, { threadTs, user: e.user });
    });
  }

  app.event('app_mention', async ({ event }) => {
    if (!event.user || (event as { bot_id?: string }).bot_id) return;
    await handle({
      channel: event.channel,
      user: event.user,
      text: event.text,
      ts: event.ts,
      threadTs: event.thread_ts,
      isDirect: false,
      mentionsBot: true,
    });
  });

  app.message(async ({ message }) => {
    const m = message as {
      subtype?: string;
      bot_id?: string;
      user?: string;
      text?: string;
      channel: string;
      ts: string;
      thread_ts?: string;
      channel_type?: string;
    };
    if (m.subtype || m.bot_id || !m.user || m.user === botUserId || !m.text) return;
    const isDirect = m.channel_type === 'im';
    const mentionsBot = Boolean(botUserId && m.text.includes(`<@${botUserId}`));
    const followUp = Boolean(m.thread_ts && (await threads.has('slack', m.channel, m.thread_ts)));
    if (!isDirect && (mentionsBot || !followUp)) return; // a mention comes as app_mention too
    await handle({
      channel: m.channel,
      user: m.user,
      text: m.text,
      ts: m.ts,
      threadTs: m.thread_ts,
      isDirect,
      mentionsBot,
    });
  });

  app.command('/duban', async ({ command, ack }) => {
    await ack();
    await turns.next();
    const message = {
      platform: 'slack',
      messageId: `command:${command.trigger_id}`,
      channelId: command.channel_id,
      userId: command.user_id,
      userName: command.user_name || (await userName(command.user_id)),
      text: command.text,
      isDirect: command.channel_name === 'directmessage',
      mentionsBot: true,
    };
    await turn(port, message, (reply) => post(command.channel_id, reply, { user: command.user_id }));
  });

  // A tap on a choice's button is the number typed by the one who tapped, where the buttons are.
  app.action<BlockButtonAction>(CHOICE_ACTION, async ({ ack, body, action }) => {
    await ack();
    const channel = body.channel?.id;
    if (!channel || !action.value) return;
    await turns.next();
    const threadTs = body.message?.thread_ts ?? body.message?.ts;
    const message = {
      platform: 'slack',
      messageId: `action:${channel}:${action.action_ts}`,
      channelId: channel,
      userId: body.user.id,
      userName: await userName(body.user.id),
      text: action.value,
      threadId: threadTs,
      isDirect: channel.startsWith('D'),
      mentionsBot: true,
    };
    await turn(port, message, (reply) => post(channel, reply, { threadTs, user: body.user.id }));
  });

  // Every receiver (HTTP, Socket Mode) hands each event to processEvent, which acknowledges it and then
  // runs the listeners to the end: counted from there, an event is in flight before Slack hears the ack.
  const work = new InFlight();
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => work.track(processEvent(event));

  app.error(async (err) => {
    log(`error: ${err.message}`);
  });

  return {
    app,
    async start() {
      await app.start(config.SLACK_PORT);
      const auth = await app.client.auth.test();
      botUserId = auth.user_id;
      log(
        config.SLACK_APP_TOKEN ? 'connected in Socket Mode' : `listening on port ${config.SLACK_PORT} at /slack/events`,
      );
    },
    async stop() {
      await app.stop();
    },
    async send(channel, reply) {
      await post(channel.channelId, reply);
    },
    idle: () => work.idle(),
  };
}
