/**
 * A reply meant for one person (`Reply.ephemeral`: an admin's signed dashboard link, an error, a
 * refusal) asked for in a group. Only Slack can show a message to one member of a channel; on the
 * other platforms it goes to the asker's direct chat and the group hears only that it did — or,
 * when the direct chat cannot be reached, a refusal that says where to ask instead. The private
 * text never reaches the group. The rule is here once, for every platform that needs it.
 */
import { type Lang, type Reply, reply } from '../chat/types.js';

/** What the group is told; this module's own words, so the adapters share one wording. */
export const PRIVATE_TEXT = {
  sent: {
    zh: '已私信您。',
    en: 'Sent to you privately.',
  },
  unreachable: {
    zh: '这条回复只给您本人，但私信没有发出去。请先私聊我（单独给我发一条消息），再在私聊里发一次。',
    en: 'That reply is for you alone, but it could not be sent to you privately. Write to me directly and send it again there.',
  },
} satisfies Record<string, Record<Lang, string>>;

/** How an adapter reaches the group a message came from and the person who sent it. */
export interface PrivateRoute {
  /** Send a reply to the group, to the asker (@-mentioned where the platform does that). */
  group(reply: Reply): Promise<void>;
  /**
   * Send a reply to the asker's direct chat; throws when it cannot be delivered. Absent when the
   * platform gives no way to write to this person (a DingTalk sender without a staff id).
   */
  person?: (reply: Reply) => Promise<void>;
  log(line: string): void;
}

/**
 * Deliver a reply to a message that came from a group: to the group as it is, or — when it is
 * meant for one person — to that person privately with a short note in the group, or a refusal in
 * the group when the private send fails. Direct chats need none of this: answer them as usual.
 */
export async function replyInGroup(r: Reply, route: PrivateRoute): Promise<void> {
  if (!r.ephemeral) return route.group(r);
  let sent = false;
  if (route.person) {
    try {
      await route.person(r);
      sent = true;
    } catch (err) {
      route.log(`could not send a private reply: ${(err as Error)?.message ?? err}`);
    }
  } else route.log('a private reply has no direct chat to go to; refused in the group');
  const note = sent
    ? reply({ kind: 'info', lang: r.lang, text: [PRIVATE_TEXT.sent[r.lang]] })
    : reply({ kind: 'refused', lang: r.lang, text: [PRIVATE_TEXT.unreachable[r.lang]] });
  await route.group(note);
}
