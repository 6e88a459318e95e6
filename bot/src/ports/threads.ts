import type { Channel, Region } from '@bridgeline/shared';
import type { ContactRecord } from './contacts.js';
import type { MessageRecord } from './messages.js';
import type { PairKey, PairRecord } from './pair.js';

export interface ThreadRecord {
  id: string;
  tenantId: string;
  businessNumberId: string;
  contactId: string;
  channel: Channel;
  region: Region;
  state: 'open' | 'closed';
  unassigned: boolean;
  /** Opened by a contact the organisation never messaged while incoming was restricted: admins only (absent: false). */
  restricted?: boolean;
  createdAt: Date;
  lastActivityAt: Date;
  lastMessageId: string | null;
}

export interface ParticipationRecord {
  id: string;
  threadId: string;
  memberId: string;
  displayName: string;
  joinedAt: Date;
  historyFrom: Date;
  leftAt: Date | null;
  lastReadSeq: number;
  unreadCount: number;
}

export interface RejoinRequestRecord {
  id: string;
  tenantId: string;
  threadId: string;
  memberId: string;
  displayName: string;
  state: 'pending' | 'approved' | 'declined';
  createdAt: Date;
}

export interface ThreadListFilter {
  channel?: Channel | undefined;
  state?: 'open' | 'closed' | 'unassigned' | 'left' | undefined;
  query?: string | undefined;
  limit: number;
  after?: { lastActivityAt: Date; threadId: string } | undefined;
}

/** One row of a page of threads, before the summaries are loaded. */
export interface PageEntry {
  threadId: string;
  /** Messages from the contact the caller has not read; what they may see starts at historyFrom. */
  unreadCount: number;
  historyFrom: Date;
  sortAt: Date;
}

/** Everything the inbox and the thread header show about one thread, for one caller. */
export interface ThreadSummary {
  thread: ThreadRecord;
  contact: ContactRecord;
  pair: PairRecord;
  members: { memberId: string; displayName: string; joinedAt: Date; historyFrom: Date }[];
  heldCount: number;
  unreadCount: number;
  lastMessage: MessageRecord | null;
  /**
   * The tenant's DLP policy token as the same statement read it (null: no rules ever), so the inbound text can be
   * shown redacted without a read of its own; unset: the store did not read it.
   */
  dlpPolicyVersion?: string | null;
}

export type PagedSummary = ThreadSummary & { sortAt: Date };

export interface ThreadsPort {
  byId(tenantId: string, id: string): Promise<ThreadRecord | null>;
  /** Locks the thread row: membership changes of one thread happen one after another. */
  lock(tenantId: string, id: string): Promise<ThreadRecord | null>;
  create(input: {
    tenantId: string;
    businessNumberId: string;
    contactId: string;
    channel: Channel;
    region: Region;
    unassigned: boolean;
    restricted?: boolean;
    createdBy: string | null;
    createdAt: Date;
  }): Promise<ThreadRecord>;
  openForPair(key: PairKey): Promise<ThreadRecord[]>;
  byProviderMessageId(tenantId: string, providerMessageId: string): Promise<ThreadRecord | null>;
  /** Guarded: only an open thread closes. */
  close(tenantId: string, id: string, at: Date): Promise<boolean>;
  /** Guarded: only an unassigned open thread is claimed. */
  claim(tenantId: string, id: string): Promise<boolean>;
  touch(tenantId: string, id: string, at: Date, lastMessageId: string): Promise<void>;
  /** A page of the member's threads with their summaries, newest activity first (keyset, no OFFSET), in one query. */
  inbox(tenantId: string, memberId: string, filter: ThreadListFilter): Promise<PagedSummary[]>;
  /** Restricted threads only with `includeRestricted` (an admin's queue). */
  unassigned(
    tenantId: string,
    region: Region,
    filter: ThreadListFilter,
    includeRestricted?: boolean,
  ): Promise<PagedSummary[]>;
  /** Whether any member ever started a conversation with this contact (the organisation messaged them). */
  startedByMember?(tenantId: string, contactId: string): Promise<boolean>;
  /** Summaries of the given threads, newest activity first, in one query. */
  summaries(tenantId: string, page: PageEntry[]): Promise<ThreadSummary[]>;
}

export interface ParticipantsPort {
  active(threadId: string): Promise<ParticipationRecord[]>;
  ofMember(threadId: string, memberId: string): Promise<ParticipationRecord[]>;
  /** Throws `StoreRefusal('thread_full')` when the thread already has 10 active members. */
  join(input: {
    tenantId: string;
    threadId: string;
    memberId: string;
    joinedAt: Date;
    historyFrom: Date;
  }): Promise<void>;
  /** Guarded: only an active participation ends. */
  leave(threadId: string, memberId: string, at: Date): Promise<boolean>;
  markRead(threadId: string, memberId: string, upToSeq: number): Promise<void>;
  /** Members whose participation in the thread ended exactly at `at` (the change being announced). */
  leftAt(threadId: string, at: Date): Promise<string[]>;
}

export interface RejoinPort {
  create(input: {
    tenantId: string;
    threadId: string;
    memberId: string;
    at: Date;
  }): Promise<RejoinRequestRecord>;
  byId(tenantId: string, id: string): Promise<RejoinRequestRecord | null>;
  pending(threadId: string): Promise<RejoinRequestRecord[]>;
  /** Guarded: only a pending request is decided. */
  decide(id: string, state: 'approved' | 'declined', by: string, at: Date): Promise<boolean>;
}
