/**
 * Which WeChat groups duban serves, by room id. Anyone can name a group like an allowed one, so a
 * topic alone lets an outsider's group in; ids cannot be copied. `WECHAT_ROOMS` holds room ids, or
 * topics as a convenience: each login resolves a topic to the id of the one group of that name the
 * account is in, and refuses a topic two groups share (naming their ids, to choose one). Digests
 * and sends go to ids; a channel named by a topic from `WECHAT_ROOMS` goes to the id it resolved to.
 */

/** A group the logged-in account is in. */
export interface RoomInfo {
  id: string;
  topic: string;
}

export class AllowedRooms {
  /** Until the first login, every entry counts as an id: a topic then matches no room and lets none in. */
  private ids: Set<string>;
  private byTopic = new Map<string, string>();

  /** `entries` as `WECHAT_ROOMS` lists them; none means every group. */
  constructor(
    private readonly entries: string[],
    private readonly log: (line: string) => void,
  ) {
    this.ids = new Set(entries);
  }

  /** Resolve the entries against the groups the account is in now (at each login). */
  resolve(rooms: RoomInfo[]): void {
    const ids = new Set<string>();
    const byTopic = new Map<string, string>();
    for (const entry of this.entries) {
      const named = rooms.filter((r) => r.topic === entry);
      if (rooms.some((r) => r.id === entry) || !named.length) {
        // An id, or a name no group has now: kept as an id (a group's id never equals a name, so it lets nothing else in).
        if (!rooms.some((r) => r.id === entry))
          this.log(`WECHAT_ROOMS: no group has the id or the name "${entry}" now`);
        ids.add(entry);
      } else if (named.length === 1) {
        ids.add(named[0]!.id);
        byTopic.set(entry, named[0]!.id);
        this.log(`WECHAT_ROOMS: "${entry}" is the group ${named[0]!.id}; listing that id instead keeps it so`);
      } else
        this.log(
          `WECHAT_ROOMS: ${named.length} groups are named "${entry}" (${named.map((r) => r.id).join(', ')}); ` +
            'none of them is served — put the id of the right one in WECHAT_ROOMS instead of its name',
        );
    }
    this.ids = ids;
    this.byTopic = byTopic;
  }

  /** Whether messages from this group are answered. */
  allows(roomId: string): boolean {
    return !this.entries.length || this.ids.has(roomId);
  }

  /** The room id a channel names: the id itself, or the group a topic in `WECHAT_ROOMS` resolved to. */
  idOf(channelId: string): string {
    return this.byTopic.get(channelId) ?? channelId;
  }
}
