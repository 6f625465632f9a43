/**
 * The WeChat adapter on Wechaty. In groups it answers an @mention or a line starting with `#`;
 * in private chat, any text. Groups are allowed by topic (ids change between logins). It
 * ignores its own messages, messages from before start-up and repeated message ids, and sends
 * plain text (and a reply's file, after it) paced with random jitter, within a daily cap per room.
 */
import { join } from 'node:path';
import { FileBox } from 'file-box';
import qrcodeTerminal from 'qrcode-terminal';
import { type Contact, type Message, type Room, ScanStatus, type Wechaty, WechatyBuilder } from 'wechaty';
import type { Reply } from '../../chat/types.js';
import { localDate } from '../../time.js';
import { type Adapter, type ChatPort, turn } from '../adapter.js';
import { InFlight } from '../in-flight.js';
import { ChannelPacer } from '../pacer.js';
import { toWechatTexts } from './render.js';
import type { WechatSettings } from './settings.js';

export interface WechatOptions {
  /** A puppet instance (tests pass wechaty-puppet-mock); otherwise WECHATY_PUPPET names one. */
  puppet?: unknown;
  /** Least and most time between two messages to one conversation. */
  pacingMs?: [number, number];
}

/** `send` finds the room by its topic. */
export interface WechatAdapter extends Adapter {
  wechaty: Wechaty;
}

export function createWechatAdapter(port: ChatPort, config: WechatSettings, opts: WechatOptions = {}): WechatAdapter {
  const log = port.log;
  const wechaty = opts.puppet
    ? WechatyBuilder.build({ name: join(port.dataDir, 'wechat'), puppet: opts.puppet as never })
    : WechatyBuilder.build({
        name: join(port.dataDir, 'wechat'),
        puppet: config.WECHATY_PUPPET as never,
        puppetOptions: config.WECHATY_PUPPET_SERVICE_TOKEN ? { token: config.WECHATY_PUPPET_SERVICE_TOKEN } : {},
      });
  const [minGap, maxGap] = opts.pacingMs ?? [1500, 4000];
  const pacer = new ChannelPacer(() => minGap + Math.random() * (maxGap - minGap));
  let startedAt = new Date();
  const work = new InFlight();

  function allowedRoom(topic: string): boolean {
    return !config.WECHAT_ROOMS.length || config.WECHAT_ROOMS.includes(topic);
  }

  /** Count a message against the room's daily cap (kept in the store); false when the cap is reached. */
  function withinCap(key: string): Promise<boolean> {
    return port.sends.take('wechat', key, localDate(new Date(), port.tz), config.WECHAT_DAILY_CAP);
  }

  async function deliver(to: Room | Contact, key: string, reply: Reply, mention?: Contact): Promise<void> {
    const texts = toWechatTexts(reply);
    for (const [i, text] of texts.entries()) {
      if (!(await withinCap(key))) {
        log(`daily cap of ${config.WECHAT_DAILY_CAP} messages reached for ${key}; not sending the rest`);
        return;
      }
      await pacer.send(key, async () => {
        if (mention && i === 0 && 'topic' in to) await (to as Room).say(text, mention);
        else await to.say(text);
      });
    }
    const file = reply.file;
    if (!file) return;
    if (!(await withinCap(key))) {
      log(`daily cap of ${config.WECHAT_DAILY_CAP} messages reached for ${key}; ${file.name} not sent`);
      return;
    }
    // As base64: a box made from a buffer has no JSON form, and a puppet that needs one (the mock) never sends it.
    await pacer.send(key, async () => {
      await to.say(FileBox.fromBase64(file.data.toString('base64'), file.name));
    });
  }

  async function onMessage(msg: Message): Promise<void> {
    if (msg.self() || msg.type() !== wechaty.Message.Type.Text) return;
    if (msg.date() < startedAt) return;
    const talker = msg.talker();
    const room = msg.room();
    let text = msg.text().trim();
    let topic = '';
    let mentions: { userId: string; name: string }[] = [];
    if (room) {
      topic = await room.topic();
      if (!allowedRoom(topic)) return;
      const mentioned = await msg.mentionSelf();
      if (mentioned) text = (await msg.mentionText()).trim();
      else if (!/^[#＃]/.test(text)) return;
      // Others @-mentioned (`@督办 负责 4.3 @王强`): mentionText() took their names out of the text.
      const self = wechaty.isLoggedIn ? wechaty.currentUser.id : '';
      mentions = (await msg.mentionList()).filter((c) => c.id !== self).map((c) => ({ userId: c.id, name: c.name() }));
    }
    const message = {
      platform: 'wechat',
      messageId: msg.id,
      channelId: room ? topic : `dm:${talker.id}`,
      userId: talker.id,
      userName: talker.name(),
      text,
      isDirect: !room,
      mentionsBot: Boolean(room),
      mentions,
    };
    await turn(port, message, (reply) =>
      deliver(room ?? talker, room ? `room:${topic}` : `dm:${talker.id}`, reply, room ? talker : undefined),
    );
  }

  wechaty
    .on('scan', (qrcode, status) => {
      if (status === ScanStatus.Waiting || status === ScanStatus.Timeout) {
        qrcodeTerminal.generate(qrcode, { small: true });
        log(`scan to log in: https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`);
      } else log(`scan status ${ScanStatus[status] ?? status}`);
    })
    .on('login', (user) => log(`logged in as ${user.name()}`))
    .on('logout', (user, reason) =>
      log(`logged out ${user.name()}${reason ? `: ${reason}` : ''}; waiting for the puppet to reconnect`),
    )
    .on('error', (err) => log(`error: ${(err as Error)?.message ?? err}`))
    .on('message', (msg) => {
      work
        .track(onMessage(msg))
        .catch((err) => log(`could not handle message ${msg.id}: ${(err as Error)?.message ?? err}`));
    });

  return {
    wechaty,
    async start() {
      startedAt = new Date();
      await wechaty.start();
    },
    async stop() {
      await wechaty.stop();
    },
    async send(channel, reply) {
      // A direct message (a reminder) goes to a contact, `dm:<id>`; anything else to a group by its topic.
      if (channel.channelId.startsWith('dm:')) {
        const id = channel.channelId.slice(3);
        const contact = await wechaty.Contact.find({ id });
        if (!contact) throw new Error(`no WeChat contact ${id}`);
        await deliver(contact, channel.channelId, reply);
        return;
      }
      const room = await wechaty.Room.find({ topic: channel.channelId });
      if (!room) throw new Error(`no WeChat group with the topic "${channel.channelId}"`);
      await deliver(room, `room:${channel.channelId}`, reply);
    },
    idle: () => work.idle(),
  };
}
