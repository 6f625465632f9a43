/**
 * The WeChat adapter on Wechaty. In groups it answers an @mention or a line starting with `#`;
 * in private chat, any text. Groups are allowed and addressed by room id (rooms.ts). It ignores
 * its own messages, messages from before start-up and repeated message ids, and sends plain text
 * (and a reply's file, after it) paced with random jitter, within a daily cap per room. A reply
 * meant for one person asked for in a group goes to that person's private chat (private.ts). A
 * bare number (`2`, `第二个`) in a group reaches the bot only from someone it has just asked back:
 * on a phone nobody types `@督办 2`, and a `2` from anyone else is group chatter.
 */
import { join } from 'node:path';
import { FileBox } from 'file-box';
import qrcodeTerminal from 'qrcode-terminal';
import { type Contact, type Message, type Room, ScanStatus, type Wechaty, WechatyBuilder } from 'wechaty';
import { CHOICE_WITHIN_MS, choiceNumber } from '../../bot/choice.js';
import type { Reply } from '../../chat/types.js';
import { localDate } from '../../time.js';
import { type Adapter, type ChatPort, turn } from '../adapter.js';
import { InFlight } from '../in-flight.js';
import { ChannelPacer } from '../pacer.js';
import { replyInGroup } from '../private.js';
import { toWechatTexts } from './render.js';
import { AllowedRooms } from './rooms.js';
import type { WechatSettings } from './settings.js';

export interface WechatOptions {
  /** A puppet instance (tests pass wechaty-puppet-mock); otherwise WECHATY_PUPPET names one. */
  puppet?: unknown;
  /** Least and most time between two messages to one conversation. */
  pacingMs?: [number, number];
}

/** `send` finds a group by its id (or a topic in WECHAT_ROOMS, by the id it resolved to at login). */
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
  const rooms = new AllowedRooms(config.WECHAT_ROOMS, log);
  /** The topics of WECHAT_ROOMS being resolved after a login: group messages wait for it. */
  let resolving = Promise.resolve();
  const work = new InFlight();
  /** When the bot last asked someone back in a group (`room|person` → ms): their bare number is for it. */
  const askedBack = new Map<string, number>();

  /** Whether a group message that neither @-mentions the bot nor starts with `#` is a pick it waits for. */
  function isPick(roomId: string, talkerId: string, text: string): boolean {
    const key = `${roomId}|${talkerId}`;
    const at = askedBack.get(key);
    if (at !== undefined && Date.now() - at > CHOICE_WITHIN_MS) askedBack.delete(key);
    return at !== undefined && Date.now() - at <= CHOICE_WITHIN_MS && choiceNumber(text) !== undefined;
  }

  /** The groups the account is in, read once at each login to resolve the topics in WECHAT_ROOMS. */
  async function resolveRooms(): Promise<void> {
    if (!config.WECHAT_ROOMS.length) return;
    const all = await wechaty.Room.findAll();
    rooms.resolve(await Promise.all(all.map(async (r) => ({ id: r.id, topic: await r.topic() }))));
  }

  /** Count a message against the room's daily cap (kept in the store); false when the cap is reached. */
  function withinCap(key: string): Promise<boolean> {
    return port.sends.take('wechat', key, localDate(new Date(), port.tz), config.WECHAT_DAILY_CAP);
  }

  /** Send a reply; false when the daily cap stopped it part-way. */
  async function deliver(to: Room | Contact, key: string, reply: Reply, mention?: Contact): Promise<boolean> {
    const texts = toWechatTexts(reply);
    for (const [i, text] of texts.entries()) {
      if (!(await withinCap(key))) {
        log(`daily cap of ${config.WECHAT_DAILY_CAP} messages reached for ${key}; not sending the rest`);
        return false;
      }
      await pacer.send(key, async () => {
        if (mention && i === 0 && 'topic' in to) await (to as Room).say(text, mention);
        else await to.say(text);
      });
    }
    const file = reply.file;
    if (!file) return true;
    if (!(await withinCap(key))) {
      log(`daily cap of ${config.WECHAT_DAILY_CAP} messages reached for ${key}; ${file.name} not sent`);
      return false;
    }
    // As base64: a box made from a buffer has no JSON form, and a puppet that needs one (the mock) never sends it.
    await pacer.send(key, async () => {
      await to.say(FileBox.fromBase64(file.data.toString('base64'), file.name));
    });
    return true;
  }

  /** A reply in a private chat; throws when it was not all sent. */
  async function deliverPrivately(contact: Contact, reply: Reply): Promise<void> {
    if (!(await deliver(contact, `dm:${contact.id}`, reply))) throw new Error(`daily cap reached for dm:${contact.id}`);
  }

  async function onMessage(msg: Message): Promise<void> {
    if (msg.self() || msg.type() !== wechaty.Message.Type.Text) return;
    if (msg.date() < startedAt) return;
    const talker = msg.talker();
    const room = msg.room();
    let text = msg.text().trim();
    let mentions: { userId: string; name: string }[] = [];
    if (room) {
      await resolving;
      if (!rooms.allows(room.id)) return;
      const mentioned = await msg.mentionSelf();
      if (mentioned) text = (await msg.mentionText()).trim();
      else if (!/^[#＃]/.test(text) && !isPick(room.id, talker.id, text)) return;
      // Others @-mentioned (`@督办 负责 4.3 @王强`): mentionText() took their names out of the text.
      const self = wechaty.isLoggedIn ? wechaty.currentUser.id : '';
      mentions = (await msg.mentionList()).filter((c) => c.id !== self).map((c) => ({ userId: c.id, name: c.name() }));
    }
    const message = {
      platform: 'wechat',
      messageId: msg.id,
      channelId: room ? room.id : `dm:${talker.id}`,
      userId: talker.id,
      userName: talker.name(),
      text,
      isDirect: !room,
      mentionsBot: Boolean(room),
      mentions,
    };
    await turn(port, message, async (reply) => {
      if (!room) return void (await deliver(talker, `dm:${talker.id}`, reply));
      if (reply.choices?.length) askedBack.set(`${room.id}|${talker.id}`, Date.now());
      await replyInGroup(reply, {
        group: async (r) => void (await deliver(room, `room:${room.id}`, r, talker)),
        // WeChat delivers a private message only to a friend of the account.
        person: talker.friend() === false ? undefined : (r) => deliverPrivately(talker, r),
        log,
      });
    });
  }

  wechaty
    .on('scan', (qrcode, status) => {
      if (status === ScanStatus.Waiting || status === ScanStatus.Timeout) {
        qrcodeTerminal.generate(qrcode, { small: true });
        log(`scan to log in: https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`);
      } else log(`scan status ${ScanStatus[status] ?? status}`);
    })
    .on('login', (user) => {
      log(`logged in as ${user.name()}`);
      resolving = resolveRooms().catch((err) =>
        log(`could not read the groups for WECHAT_ROOMS: ${(err as Error)?.message ?? err}`),
      );
    })
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
      // A direct message (a reminder) goes to a contact, `dm:<id>`; anything else to a group by its id.
      if (channel.channelId.startsWith('dm:')) {
        const id = channel.channelId.slice(3);
        const contact = await wechaty.Contact.find({ id });
        if (!contact) throw new Error(`no WeChat contact ${id}`);
        await deliver(contact, channel.channelId, reply);
        return;
      }
      await resolving;
      const id = rooms.idOf(channel.channelId);
      const room = await wechaty.Room.find({ id });
      if (!room)
        throw new Error(
          `no WeChat group with the id "${channel.channelId}" (a group's name works only in WECHAT_ROOMS)`,
        );
      await deliver(room, `room:${id}`, reply);
    },
    idle: () => work.idle(),
  };
}
