/**
 * The store contract: what every store implementation must do, whatever it keeps its data in.
 * Run against SQLite today (sqlite.test.ts); a PostgreSQL store runs the same suite unchanged.
 */
import { describe, expect, it } from 'vitest';
import type { Actor, NewRecord, Store } from '../../src/store/types.js';

/** Opens a fresh, empty store whose clock reads `clock.now`. */
export type OpenStore = (clock: { now: Date }, terms?: (text: string) => string[]) => Promise<Store>;

const by = (userId = 'u1', platform = 'test'): Actor => ({
  platform,
  userId,
  userName: `name-${userId}`,
  channelId: 'C1',
});
const rec = (over: Partial<NewRecord> = {}): NewRecord => ({
  reportId: 'r',
  itemId: '4.3',
  targetId: '4.3#1',
  value: 5,
  kind: 'update',
  note: '',
  rawText: 'progress 4.3 5',
  ...over,
});

export function storeContract(name: string, open: OpenStore): void {
  const fresh = async (start = '2015-06-01T02:00:00Z', terms?: (text: string) => string[]) => {
    const clock = { now: new Date(start) };
    return { clock, store: await open(clock, terms) };
  };

  describe(`store contract: ${name}`, () => {
    describe('progress records', () => {
      it('adds records, reads them back, and keeps an item’s history newest first', async () => {
        const { clock, store } = await fresh();
        const first = await store.progress.add(rec({ value: 5 }), by());
        clock.now = new Date('2015-06-02T02:00:00Z');
        const second = await store.progress.add(rec({ value: 8, note: '新增3个' }), by('u2'));
        expect(await store.progress.get(first.id)).toMatchObject({
          value: 5,
          userId: 'u1',
          createdAt: '2015-06-01T02:00:00.000Z',
          undone: false,
        });
        expect((await store.progress.history('r', '4.3')).map((r) => r.id)).toEqual([second.id, first.id]);
        expect(await store.progress.count()).toBe(2);
        expect(await store.progress.get(9999)).toBeUndefined();
        await store.close();
      });

      it('orders history and standings by the as-of date, not the order records were sent', async () => {
        const { clock, store } = await fresh('2015-07-03T00:00:00Z');
        const late = await store.progress.add(rec({ value: 9, asOf: '2015-06-30T00:00:00Z' }), by());
        clock.now = new Date('2015-07-04T00:00:00Z');
        const early = await store.progress.add(rec({ value: 3, asOf: '2015-05-31T00:00:00Z' }), by());
        expect(early).toMatchObject({ asOf: '2015-05-31T00:00:00Z', createdAt: '2015-07-04T00:00:00.000Z' });
        expect((await store.progress.history('r', '4.3')).map((r) => r.id)).toEqual([late.id, early.id]);
        expect((await store.progress.latestForItem('r', '4.3')).get('4.3#1')).toMatchObject({
          value: 9,
          at: '2015-06-30T00:00:00Z',
        });
        expect((await store.progress.latestForItem('r', '4.3', '2015-06-01T00:00:00Z')).get('4.3#1')?.value).toBe(3);
        expect((await store.progress.lastUpdatePerItem()).get('r:4.3')).toBe('2015-06-30T00:00:00Z');
        // The digest's window goes by when records were sent.
        const sent = await store.progress.between('2015-07-03T12:00:00.000Z', '2015-07-05T00:00:00.000Z');
        expect(sent.map((r) => r.id)).toEqual([early.id]);
        await store.close();
      });

      it('pages a long history: the records after a given one, in the same order', async () => {
        const { clock, store } = await fresh('2015-07-03T00:00:00Z');
        const ids: number[] = [];
        // Sent in one order, dated in another: pages follow the as-of date, then the id.
        for (const day of ['05', '01', '03', '03', '02']) {
          ids.push((await store.progress.add(rec({ asOf: `2015-06-${day}T00:00:00Z` }), by())).id);
          clock.now = new Date(clock.now.getTime() + 1000);
        }
        const all = (await store.progress.history('r', '4.3', 10)).map((r) => r.id);
        expect(all).toEqual([ids[0], ids[3], ids[2], ids[4], ids[1]]);
        const first = await store.progress.history('r', '4.3', 2);
        expect(first.map((r) => r.id)).toEqual(all.slice(0, 2));
        const second = await store.progress.history('r', '4.3', 2, first[1]!.id);
        expect(second.map((r) => r.id)).toEqual(all.slice(2, 4));
        expect((await store.progress.history('r', '4.3', 2, second[1]!.id)).map((r) => r.id)).toEqual(all.slice(4));
        expect(await store.progress.history('r', '4.3', 2, all[4])).toEqual([]);
        await store.close();
      });

      it('gives the values in force of an item’s targets, oldest as-of date first, for its charts', async () => {
        const { clock, store } = await fresh('2015-07-03T00:00:00Z');
        await store.progress.add(rec({ value: 9, asOf: '2015-06-30T00:00:00Z' }), by());
        clock.now = new Date('2015-07-04T00:00:00Z');
        await store.progress.add(rec({ value: 3, asOf: '2015-05-31T00:00:00Z' }), by());
        const wrong = await store.progress.add(rec({ value: 30, targetId: '4.3#2' }), by());
        await store.progress.undo(wrong, by(), 'undo');
        await store.progress.add(rec({ value: null, targetId: null, note: '走访' }), by());
        await store.progress.add(rec({ itemId: '1.1', targetId: '1.1#1', value: 7 }), by());
        expect(await store.progress.values('r', '4.3')).toEqual([
          { targetId: '4.3#1', value: 3, asOf: '2015-05-31T00:00:00Z' },
          { targetId: '4.3#1', value: 9, asOf: '2015-06-30T00:00:00Z' },
        ]);
        await store.close();
      });

      it('undoes a record with a record pointing at it, and the latest value falls back', async () => {
        const { clock, store } = await fresh();
        await store.progress.add(rec({ value: 5 }), by());
        clock.now = new Date('2015-06-02T00:00:00Z');
        const wrong = await store.progress.add(rec({ value: 50 }), by());
        expect((await store.progress.latestForItem('r', '4.3')).get('4.3#1')?.value).toBe(50);
        clock.now = new Date('2015-06-03T00:00:00Z');
        const undo = await store.progress.undo(wrong, by(), 'undo');
        expect(undo).toMatchObject({ kind: 'undo', undoes: wrong.id });
        expect(await store.progress.get(wrong.id)).toMatchObject({ undone: true });
        expect((await store.progress.latestForItem('r', '4.3')).get('4.3#1')).toMatchObject({
          value: 5,
          userName: 'name-u1',
        });
        // As it stood before the undo, the wrong value was in force.
        expect((await store.progress.latestForItem('r', '4.3', '2015-06-02T12:00:00Z')).get('4.3#1')?.value).toBe(50);
        await expect(store.progress.undo(wrong, by(), 'undo')).rejects.toThrow();
        await store.close();
      });

      it('finds the last record a user can undo, on their own platform only', async () => {
        const { store } = await fresh();
        const mine = await store.progress.add(rec(), by('u1', 'slack'));
        await store.progress.add(rec(), by('u1', 'wechat'));
        expect((await store.progress.lastUndoable('slack', 'u1'))?.id).toBe(mine.id);
        await store.progress.undo(mine, by('u1', 'slack'), 'undo');
        expect(await store.progress.lastUndoable('slack', 'u1')).toBeUndefined();
        await store.close();
      });

      it('gives an item’s newest note in force, and the time of each item’s newest record', async () => {
        const { clock, store } = await fresh();
        await store.progress.add(rec({ itemId: '1.1', targetId: null, value: null, note: '走访企业200家' }), by());
        clock.now = new Date('2015-06-04T00:00:00Z');
        const later = await store.progress.add(
          rec({ itemId: '1.1', targetId: null, value: null, note: '又走访50家' }),
          by(),
        );
        expect((await store.progress.latestNote('r', '1.1'))?.note).toBe('又走访50家');
        await store.progress.undo(later, by(), 'undo');
        expect((await store.progress.latestNote('r', '1.1'))?.note).toBe('走访企业200家');
        // Items of several reports, each found (the next report's first item after the last of one).
        await store.progress.add(rec({ reportId: 'q', itemId: '9.9' }), by());
        await store.progress.add(rec({ reportId: 's', itemId: '0.1' }), by());
        const updates = await store.progress.lastUpdatePerItem();
        expect(updates.get('r:1.1')).toBe('2015-06-01T02:00:00.000Z');
        expect([...updates.keys()].sort()).toEqual(['q:9.9', 'r:1.1', 's:0.1']);
        expect((await store.progress.lastUpdatePerItem('2015-05-01T00:00:00Z')).size).toBe(0);
        await store.close();
      });

      it('lists records in a time window, oldest first, undos included; or only the newest of them', async () => {
        const { clock, store } = await fresh();
        const a = await store.progress.add(rec(), by());
        clock.now = new Date('2015-06-01T05:00:00Z');
        const u = await store.progress.undo(a, by(), 'undo');
        clock.now = new Date('2015-06-03T00:00:00Z');
        const c = await store.progress.add(rec(), by());
        const window = await store.progress.between('2015-06-01T00:00:00Z', '2015-06-02T00:00:00Z');
        expect(window.map((r) => r.id)).toEqual([a.id, u.id]);
        const newest = await store.progress.between('2015-06-01T00:00:00Z', '2015-06-04T00:00:00Z', 2);
        expect(newest.map((r) => r.id)).toEqual([u.id, c.id]);
        await store.close();
      });

      it('sums up a window: how many records in force, and the latest of each target and of each item’s notes', async () => {
        const { clock, store } = await fresh('2015-06-01T00:00:00Z');
        await store.progress.add(rec({ value: 1 }), by());
        clock.now = new Date('2015-06-02T01:00:00Z');
        await store.progress.add(rec({ value: 2 }), by());
        const late = await store.progress.add(rec({ value: 3, asOf: '2015-05-01T00:00:00Z' }), by());
        clock.now = new Date('2015-06-02T02:00:00Z');
        const newest = await store.progress.add(rec({ value: 4 }), by());
        const gone = await store.progress.add(rec({ targetId: '4.3#2', value: 9 }), by());
        await store.progress.undo(gone, by(), 'undo');
        const note = await store.progress.add(rec({ itemId: '1.1', targetId: null, value: null, note: '走访' }), by());
        await store.progress.add(rec({ reportId: 'other', value: 7 }), by());
        const w = await store.progress.window('r', '2015-06-02T00:00:00.000Z', '2015-06-03T00:00:00.000Z');
        expect(w.count).toBe(4);
        expect(w.latest.map((r) => r.id).sort()).toEqual([newest.id, note.id].sort());
        expect(late.id).not.toBe(newest.id);
        await store.close();
      });

      it('finds records in force by the search terms of their words, newest first', async () => {
        const terms = (t: string) => t.split(/\s+/).filter(Boolean);
        const { store } = await fresh(undefined, terms);
        await store.progress.add(rec({ itemId: '6.1', note: '河长 巡河 120次' }), by());
        const gone = await store.progress.add(rec({ itemId: '6.2', note: '河长 会议' }), by());
        await store.progress.add(rec({ itemId: '8.3', note: '就业 岗位' }), by());
        await store.progress.undo(gone, by(), 'undo');
        const found = await store.progress.matching(['河长']);
        expect(found.map((m) => m.itemId)).toEqual(['6.1']);
        expect(found[0]).toMatchObject({ reportId: 'r', note: '河长 巡河 120次', userName: 'name-u1' });
        expect(await store.progress.matching([])).toEqual([]);
        await store.close();
      });
    });

    describe('units of work', () => {
      it('keeps every write of a unit that throws out, and every write of one that ends', async () => {
        const { store } = await fresh();
        await expect(
          store.transaction(async (tx) => {
            await tx.progress.add(rec(), by());
            await tx.audit.record(by(), 'progress', 'x', 'ok');
            throw new Error('boom');
          }),
        ).rejects.toThrow('boom');
        expect(await store.progress.count()).toBe(0);
        expect(await store.audit.recent()).toEqual([]);
        expect((await store.progress.latestForItem('r', '4.3')).size).toBe(0);
        const id = await store.transaction(async (tx) => (await tx.progress.add(rec(), by())).id);
        expect(await store.progress.get(id)).toBeDefined();
        await store.close();
      });

      it('does not interleave two units of work that read and then write', async () => {
        const { store } = await fresh();
        const bump = () =>
          store.transaction(async (tx) => {
            const now = (await tx.progress.latestForItem('r', '4.3')).get('4.3#1')?.value ?? 0;
            await new Promise((r) => setImmediate(r));
            await tx.progress.add(rec({ value: now + 1 }), by());
          });
        await Promise.all(Array.from({ length: 10 }, bump));
        expect((await store.progress.latestForItem('r', '4.3')).get('4.3#1')?.value).toBe(10);
        await store.close();
      });
    });

    it('remembers a handled message once: a second delivery finds the first reply', async () => {
      const { store } = await fresh();
      expect(await store.handled.get('slack', 'm1')).toBeUndefined();
      expect(await store.handled.put('slack', 'm1', '{"a":1}')).toBe(true);
      expect(await store.handled.put('slack', 'm1', '{"a":2}')).toBe(false);
      expect(await store.handled.get('slack', 'm1')).toBe('{"a":1}');
      expect(await store.handled.get('wechat', 'm1')).toBeUndefined();
      await store.close();
    });

    it('keeps an update waiting for its sender’s confirmation, once, for a while', async () => {
      const { clock, store } = await fresh();
      const me = { platform: 'slack', channelId: 'C1', userId: 'U1' };
      await store.pending.put(me, '{"v":1}');
      await store.pending.put(me, '{"v":2}');
      expect(await store.pending.take({ ...me, userId: 'U2' }, 60000)).toBeUndefined();
      expect(await store.pending.take({ ...me, channelId: 'C2' }, 60000)).toBeUndefined();
      expect(await store.pending.take(me, 60000)).toBe('{"v":2}');
      expect(await store.pending.take(me, 60000)).toBeUndefined();
      await store.pending.put(me, '{"v":3}');
      clock.now = new Date(clock.now.getTime() + 61000);
      expect(await store.pending.take(me, 60000)).toBeUndefined();
      await store.close();
    });

    it('keeps a choice of items apart from an update to confirm, for the same person in the same place', async () => {
      const { store } = await fresh();
      const me = { platform: 'slack', channelId: 'C1', userId: 'U1' };
      await store.pending.put(me, '{"confirm":1}');
      await store.pending.put({ ...me, kind: 'choice' }, '{"choices":["4.3","8.3"]}');
      expect(await store.pending.take({ ...me, kind: 'choice' }, 60000)).toBe('{"choices":["4.3","8.3"]}');
      expect(await store.pending.take({ ...me, kind: 'choice' }, 60000)).toBeUndefined();
      expect(await store.pending.take({ ...me, kind: 'confirm' }, 60000)).toBe('{"confirm":1}');
      await store.close();
    });

    it('keeps a long input in the audit log as a prefix, its length and a SHA-256', async () => {
      const { store } = await fresh();
      const long = `进展 4.3 ${'很长'.repeat(500000)}`;
      await store.audit.record(by(), 'message', long, 'invalid', 'too long');
      const [entry] = await store.audit.recent(1);
      expect(entry!.input.length).toBeLessThan(1200);
      expect(entry!.input).toContain(`[${long.length} characters, sha256 `);
      expect(entry!.input.startsWith('进展 4.3 很长')).toBe(true);
      await store.close();
    });

    it('keeps the audit log newest first', async () => {
      const { store } = await fresh();
      await store.audit.record(by(), 'progress', 'a', 'ok', '#1');
      await store.audit.record(by('u2'), 'undo', 'b', 'refused');
      expect(await store.audit.recent(5)).toMatchObject([
        { userId: 'u2', action: 'undo', outcome: 'refused', detail: '' },
        { userId: 'u1', action: 'progress', input: 'a', outcome: 'ok', detail: '#1' },
      ]);
      await store.close();
    });

    describe('digest state', () => {
      const ch = { platform: 'slack', channelId: 'C1' };

      it('subscribes a channel once, and unsubscribes it', async () => {
        const { store } = await fresh();
        expect(await store.digest.setSubscribed(ch, true, 'admin')).toBe(true);
        expect(await store.digest.setSubscribed(ch, true, 'admin')).toBe(false);
        expect(await store.digest.subscriptions()).toEqual([ch]);
        expect(await store.digest.setSubscribed(ch, false, 'admin')).toBe(true);
        expect(await store.digest.subscriptions()).toEqual([]);
        await store.close();
      });

      it('claims a day’s delivery once; a failed one may be claimed again, an abandoned one after a while', async () => {
        const { clock, store } = await fresh();
        expect(await store.digest.claim(ch, '2015-06-01')).toBe(true);
        expect(await store.digest.claim(ch, '2015-06-01')).toBe(false);
        clock.now = new Date('2015-06-01T02:30:00Z');
        expect(await store.digest.claim(ch, '2015-06-01')).toBe(true);
        await store.digest.markFailed(ch, '2015-06-01', 'network down');
        expect(await store.digest.delivery(ch, '2015-06-01')).toMatchObject({
          status: 'failed',
          attempts: 2,
          lastError: 'network down',
        });
        expect(await store.digest.claim(ch, '2015-06-01')).toBe(true);
        await store.digest.markSent(ch, '2015-06-01', '2015-06-01T01:00:00.000Z');
        expect(await store.digest.claim(ch, '2015-06-01')).toBe(false);
        expect(await store.digest.previousCoveredTo(ch, '2015-06-02')).toBe('2015-06-01T01:00:00.000Z');
        expect(await store.digest.previousCoveredTo(ch, '2015-06-01')).toBeUndefined();
        await store.close();
      });

      it('gives a claim to exactly one of many claiming at once', async () => {
        const { store } = await fresh();
        const claims = await Promise.all(Array.from({ length: 8 }, () => store.digest.claim(ch, '2015-06-01')));
        expect(claims.filter(Boolean)).toHaveLength(1);
        await store.close();
      });
    });

    describe('督办 state', () => {
      const owner = { reportId: 'r', itemId: '4.3', targetId: null, platform: 'slack', userId: 'U2', name: '王强' };

      it('assigns owners to items and targets once, finds them by item and by person, and takes them off', async () => {
        const { store } = await fresh();
        expect(await store.owners.assign(owner, by('admin'))).toBe(true);
        expect(await store.owners.assign(owner, by('admin'))).toBe(false);
        await store.owners.assign({ ...owner, targetId: '4.3#1', userId: 'U3', name: '李梅' }, by('admin'));
        await store.owners.assign({ ...owner, itemId: '8.2' }, by('admin'));
        expect(await store.owners.ofItem('r', '4.3')).toMatchObject([
          {
            targetId: null,
            userId: 'U2',
            name: '王强',
            assignedBy: 'test:admin',
            assignedAt: '2015-06-01T02:00:00.000Z',
          },
          { targetId: '4.3#1', userId: 'U3' },
        ]);
        expect((await store.owners.ofUser('slack', 'U2')).map((o) => o.itemId)).toEqual(['4.3', '8.2']);
        expect(await store.owners.all()).toHaveLength(3);
        expect(await store.owners.unassign(owner)).toBe(true);
        expect(await store.owners.unassign(owner)).toBe(false);
        expect((await store.owners.ofItem('r', '4.3')).map((o) => o.userId)).toEqual(['U3']);
        await store.close();
      });

      it('keeps one lead unit an item, replaced or cleared', async () => {
        const { store } = await fresh();
        await store.owners.setUnit('r', '4.3', '市人才办', by('admin'));
        await store.owners.setUnit('r', '4.3', '市人社局', by('admin'));
        await store.owners.setUnit('r', '8.2', '市发改委', by('admin'));
        expect(await store.owners.units()).toEqual(
          new Map([
            ['r:4.3', '市人社局'],
            ['r:8.2', '市发改委'],
          ]),
        );
        await store.owners.setUnit('r', '8.2', '', by('admin'));
        expect([...(await store.owners.units()).keys()]).toEqual(['r:4.3']);
        await store.close();
      });

      it('claims one reminder a person and period, remembers what it listed, and lets a failed one be retried', async () => {
        const { clock, store } = await fresh();
        const who = { platform: 'slack', userId: 'U2' };
        const claims = await Promise.all(Array.from({ length: 6 }, () => store.reminders.claim(who, '2015-W23')));
        expect(claims.filter(Boolean)).toHaveLength(1);
        expect(await store.reminders.held(who, '2015-W23')).toBe(clock.now.toISOString());
        await store.reminders.markFailed(who, '2015-W23', 'cannot open a direct message');
        expect(await store.reminders.held(who, '2015-W23')).toBeUndefined();
        expect(await store.reminders.claim(who, '2015-W23')).toBe(true);
        clock.now = new Date('2015-06-01T02:05:00Z');
        await store.reminders.markSent(who, '2015-W23', [{ reportId: 'r', itemId: '4.3' }]);
        expect(await store.reminders.claim(who, '2015-W23')).toBe(false);
        expect(await store.reminders.claim({ platform: 'slack', userId: 'U3' }, '2015-W23')).toBe(true);
        expect(await store.reminders.lastReminded()).toEqual(new Map([['r:4.3', '2015-06-01T02:05:00.000Z']]));
        expect((await store.reminders.lastReminded('2015-06-01T02:05:00.000Z')).size).toBe(0);
        await store.close();
      });

      it('keeps an item snoozed until its time', async () => {
        const { store } = await fresh();
        await store.reminders.snooze('r', '4.3', '2015-06-04T02:00:00.000Z', by('U2'));
        expect(await store.reminders.snoozed('2015-06-02T00:00:00.000Z')).toEqual(
          new Map([['r:4.3', '2015-06-04T02:00:00.000Z']]),
        );
        expect((await store.reminders.snoozed('2015-06-05T00:00:00.000Z')).size).toBe(0);
        await store.close();
      });
    });

    it('remembers threads, and counts sends per channel and day up to a cap', async () => {
      const { store } = await fresh();
      await store.threads.remember('slack', 'C1', '1.1');
      await store.threads.remember('slack', 'C1', '1.1');
      expect(await store.threads.has('slack', 'C1', '1.1')).toBe(true);
      expect(await store.threads.has('slack', 'C2', '1.1')).toBe(false);
      const takes = await Promise.all([1, 2, 3].map(() => store.sends.take('wechat', 'room:群', '2015-06-01', 2)));
      expect(takes.filter(Boolean)).toHaveLength(2);
      expect(await store.sends.take('wechat', 'room:群', '2015-06-02', 2)).toBe(true);
      expect(await store.sends.take('wechat', 'room:别的群', '2015-06-01', 2)).toBe(true);
      await store.close();
    });
  });
}
