/**
 * What the core asks of a store, and nothing of how it keeps it: async repositories (progress
 * records, the audit log, handled messages, digest state, threads, send counts) and one unit of
 * work, `store.transaction(async (tx) => …)`, in which all writes land or none do. SQLite is the
 * embedded default behind these; every implementation passes the same contract suite
 * (test/store/contract.ts).
 */
import type { Channel } from '../chat/types.js';

/** Who did something, and where. */
export interface Actor {
  platform: string;
  userId: string;
  userName: string;
  channelId: string;
  messageId?: string;
}

export interface ProgressRecord {
  id: number;
  reportId: string;
  itemId: string;
  targetId: string | null;
  value: number | null;
  kind: 'update' | 'import' | 'undo';
  undoes: number | null;
  note: string;
  rawText: string;
  platform: string;
  userId: string;
  userName: string;
  channelId: string;
  messageId: string | null;
  /** When it was sent. */
  createdAt: string;
  /** When the value held ("截至6月底"): what standings, history and pace go by; createdAt when not said. */
  asOf: string;
  /** True when an undo points at this record. */
  undone: boolean;
}

export interface NewRecord {
  reportId: string;
  itemId: string;
  targetId: string | null;
  value: number | null;
  kind: 'update' | 'import';
  note: string;
  rawText: string;
  createdAt?: string;
  /** When the value held, if not when it was sent. */
  asOf?: string;
}

/** The standing of one target: its latest value in force. */
export interface TargetStanding {
  targetId: string;
  value: number;
  at: string;
  userName: string;
}

/** One value a target held, from a record in force. */
export interface TargetValue {
  targetId: string;
  value: number;
  asOf: string;
}

/** A record in force whose words hold a searched term. */
export interface RecordMatch {
  reportId: string;
  itemId: string;
  note: string;
  userName: string;
  createdAt: string;
}

/**
 * Progress records. Nothing is deleted: an undo is a record that points at the one it undoes,
 * and a correction is a newer record. The latest value of a target is its newest record that no
 * undo points at.
 */
export interface ProgressRepository {
  add(rec: NewRecord, by: Actor): Promise<ProgressRecord>;
  /** Undo a record by adding an undo record that points at it. */
  undo(target: ProgressRecord, by: Actor, rawText: string): Promise<ProgressRecord>;
  get(id: number): Promise<ProgressRecord | undefined>;
  /** The newest record of this user that can still be undone. */
  lastUndoable(platform: string, userId: string): Promise<ProgressRecord | undefined>;
  /**
   * Records of an item, newest as-of date first (undos included); with `before` (a record's id),
   * the ones after that record in this order: the next page of a long history.
   */
  history(reportId: string, itemId: string, limit?: number, before?: number): Promise<ProgressRecord[]>;
  /** Every value in force of an item's targets, oldest as-of date first (of one date, the later sent last): its charts. */
  values(reportId: string, itemId: string): Promise<TargetValue[]>;
  /**
   * The latest value of each target of an item, by as-of date; with `asOf` (ISO time), as it
   * stood then (records dated later, and undos sent later, do not count).
   */
  latestForItem(reportId: string, itemId: string, asOf?: string): Promise<Map<string, TargetStanding>>;
  /** The newest record in force of an item (a note may have no value). */
  latestNote(reportId: string, itemId: string): Promise<ProgressRecord | undefined>;
  /** Every record (undos included) sent in [from, to), oldest first; with `newest`, only the newest that many. */
  between(from: string, to: string, newest?: number): Promise<ProgressRecord[]>;
  /**
   * What a report's records sent in [from, to) amount to: how many are in force, and the latest
   * (by as-of date) of each target, and of each item's notes — one record each, however many.
   */
  window(reportId: string, from: string, to: string): Promise<{ count: number; latest: ProgressRecord[] }>;
  /** The newest as-of date of a record in force per item key (`report:item`), before `asOf` when given. */
  lastUpdatePerItem(asOf?: string): Promise<Map<string, string>>;
  /**
   * The newest records in force whose words hold any of the terms (the search terms the store
   * was given for each record's text), newest first. Ranking them is the search layer's work.
   */
  matching(terms: string[], limit?: number): Promise<RecordMatch[]>;
  count(): Promise<number>;
}

export type Outcome = 'ok' | 'refused' | 'invalid' | 'error';

export interface AuditEntry {
  id: number;
  at: string;
  platform: string;
  userId: string;
  action: string;
  input: string;
  outcome: Outcome;
  detail: string;
}

/** Longest input kept whole in the audit log; a longer one keeps a prefix, its length and a SHA-256. */
export const AUDIT_INPUT_MAX = 2000;

/** Every state-changing attempt, refused ones too, with its outcome. */
export interface AuditRepository {
  record(by: Actor, action: string, input: string, outcome: Outcome, detail?: string): Promise<void>;
  /** The newest entries first. */
  recent(limit?: number): Promise<AuditEntry[]>;
}

/** Platform messages already answered, so a redelivery gets the same reply and changes nothing. */
export interface HandledRepository {
  /** The stored reply (JSON) for a message id, if it was handled before. */
  get(platform: string, messageId: string): Promise<string | undefined>;
  /** Remember the reply; false when another delivery got there first. */
  put(platform: string, messageId: string, reply: string): Promise<boolean>;
}

export interface Delivery extends Channel {
  date: string;
  status: 'sending' | 'sent' | 'failed';
  attempts: number;
  lastError: string;
  coveredTo: string;
  updatedAt: string;
}

/**
 * Digest state: which channels subscribed, and which (channel, date) digests were delivered. A
 * delivery is claimed before sending, so a retry or a second process cannot send it again.
 */
/** A claim still 'sending' after this long is taken to be from a process that died, and may be claimed again. */
export const CLAIM_ABANDONED_MS = 10 * 60 * 1000;

export interface DigestRepository {
  /** Subscribe (true) or unsubscribe; false when nothing changed. */
  setSubscribed(ch: Channel, on: boolean, by: string): Promise<boolean>;
  subscriptions(): Promise<Channel[]>;
  delivery(ch: Channel, date: string): Promise<Delivery | undefined>;
  /** Where the previous delivered digest of a channel stopped (ISO time), if any. */
  previousCoveredTo(ch: Channel, before: string): Promise<string | undefined>;
  /** The right to send a channel's digest for a date; false when sent, or another sender holds a fresh claim. */
  claim(ch: Channel, date: string): Promise<boolean>;
  markSent(ch: Channel, date: string, coveredTo: string): Promise<void>;
  markFailed(ch: Channel, date: string, error: string): Promise<void>;
}

/** Threads the bot answered in: a follow-up there needs no mention. */
export interface ThreadRepository {
  remember(platform: string, channelId: string, threadId: string): Promise<void>;
  has(platform: string, channelId: string, threadId: string): Promise<boolean>;
}

/** Messages sent per channel and day, against a platform's daily cap. */
export interface SendCountRepository {
  /** Count one message to a channel on a date; false (and not counted) when `cap` is reached. */
  take(platform: string, channelId: string, date: string, cap: number): Promise<boolean>;
}

/** What waits for one person in one place: each kind apart, so one does not replace another. */
export interface PendingKey {
  platform: string;
  channelId: string;
  userId: string;
  /** `confirm` (the default): an update to confirm; `choice`: items offered for a question, to pick by number. */
  kind?: 'confirm' | 'choice';
}

/**
 * What waits for its sender's next message: an update to confirm (a value far off its target's
 * scale), or the items a question was asked back with.
 */
export interface PendingRepository {
  /** Keep a payload for a person in a place, replacing what was waiting there. */
  put(key: PendingKey, payload: string): Promise<void>;
  /** The payload waiting no longer than `maxAgeMs`, taken (it is gone after), if any. */
  take(key: PendingKey, maxAgeMs: number): Promise<string | undefined>;
}

/** Who answers for an item or one of its targets: a person on a platform. */
export interface Owner {
  reportId: string;
  itemId: string;
  /** A target of the item, or null for the whole item. */
  targetId: string | null;
  platform: string;
  userId: string;
  /** How they are called (a display name), for reading. */
  name: string;
  assignedBy: string;
  assignedAt: string;
}

export type NewOwner = Pick<Owner, 'reportId' | 'itemId' | 'targetId' | 'platform' | 'userId' | 'name'>;

/** Owners of items and targets, and each item's lead unit (牵头单位). */
export interface OwnerRepository {
  /** Make someone an owner; false when they were already. */
  assign(owner: NewOwner, by: Actor): Promise<boolean>;
  /** Take an owner off an item or target; false when they were not one. */
  unassign(owner: Omit<NewOwner, 'name'>): Promise<boolean>;
  /** Owners of every item, in the order they were assigned. */
  all(): Promise<Owner[]>;
  ofItem(reportId: string, itemId: string): Promise<Owner[]>;
  /** What a person owns. */
  ofUser(platform: string, userId: string): Promise<Owner[]>;
  /** Set (or, with an empty unit, clear) an item's lead unit. */
  setUnit(reportId: string, itemId: string, unit: string, by: Actor): Promise<void>;
  /** Lead units by `report:item`. */
  units(): Promise<Map<string, string>>;
}

/** A person reminded of their items. */
export interface Reminded {
  platform: string;
  userId: string;
}

/**
 * Reminders: one per owner per period, claimed before it is sent (like a digest delivery), with
 * the items it listed; and items snoozed until a date.
 */
export interface ReminderRepository {
  /** The right to remind a person for a period; false when sent, or another sender holds a fresh claim. */
  claim(who: Reminded, period: string): Promise<boolean>;
  markSent(who: Reminded, period: string, items: { reportId: string; itemId: string }[]): Promise<void>;
  markFailed(who: Reminded, period: string, error: string): Promise<void>;
  /** When a claim still being sent was taken (ISO time), or undefined when there is none. */
  held(who: Reminded, period: string): Promise<string | undefined>;
  /** When each item was last listed in a reminder that was sent (ISO time), before `before` when given, by `report:item`. */
  lastReminded(before?: string): Promise<Map<string, string>>;
  /** Keep an item out of reminders until an instant (ISO time). */
  snooze(reportId: string, itemId: string, until: string, by: Actor): Promise<void>;
  /** Items snoozed past `at`, by `report:item`, with the instant their snooze ends. */
  snoozed(at: string): Promise<Map<string, string>>;
}

export interface Repositories {
  progress: ProgressRepository;
  audit: AuditRepository;
  handled: HandledRepository;
  digest: DigestRepository;
  threads: ThreadRepository;
  sends: SendCountRepository;
  pending: PendingRepository;
  owners: OwnerRepository;
  reminders: ReminderRepository;
}

export interface Store extends Repositories {
  /**
   * Run `fn` as one unit of work: every write made through `tx` lands, or (when it throws) none.
   * Units of work do not interleave their writes.
   */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /** A consistent copy of everything, taken while the store stays in use. */
  backup(file: string): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** Search terms of a text (jieba words and bigrams): progress records are searchable when given. */
  terms?: (text: string) => string[];
  now?: () => Date;
  /**
   * Read every page at open to refuse a damaged store before anything is written (default true).
   * Read-only one-shot commands skip it: its cost grows with the store (0.3 s at 100,000 records),
   * and a damaged page they read is still reported.
   */
  verify?: boolean;
}

/** The store cannot be opened as it is. */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** What the leader runs: start it, and get back how to stop it. */
export type LeaderWork = () => Promise<() => Promise<void>>;

export interface Leadership {
  /**
   * Run `work` whenever this process becomes the leader; its stop runs when leadership is lost.
   * Resolves after the first try: the work started (its error thrown) when this process leads.
   */
  start(work: LeaderWork): Promise<void>;
  /** Stop the work if it runs and give up leadership. */
  stop(): Promise<void>;
}
