import type {
  Channel,
  ConsentState,
  LiveEvent,
  MessageStatus,
  Reachability,
  Region,
} from '@bridgeline/shared';
import type { NoticeKind, NoticeParams } from './domain/notices.js';

/**
 * What the use cases need from the outside world. Adapters are named by technology (db/, whatsapp/, teams/), ports by
 * what the domain needs. Records are plain data: no ORM types cross this line.
 */

export interface Clock {
  now(): Date;
}

export interface TenantRecord {
  id: string;
  name: string;
  enabled: boolean;
}

export interface MemberRecord {
  id: string;
  tenantId: string;
  email: string;
  displayName: string;
  aadObjectId: string | null;
  region: Region;
  enabled: boolean;
  isAdmin: boolean;
  smsNumber: string | null;
}

export interface BusinessNumberRecord {
  id: string;
  tenantId: string;
  channel: Channel;
  providerNumberId: string;
  displayPhone: string;
  region: Region;
}

export interface ContactRecord {
  id: string;
  tenantId: string;
  displayName: string | null;
  phoneE164: string | null;
  waId: string | null;
  bsuid: string | null;
  username: string | null;
  createdAt: Date;
}

export interface PairKey {
  tenantId: string;
  businessNumberId: string;
  contactId: string;
}

/** Consent and window of one (business number, contact). */
export interface PairRecord extends PairKey {
  consent: ConsentState;
  reachability: Reachability;
  lastRequestedAt: Date | null;
  lastInboundAt: Date | null;
  resumeRequestedAt: Date | null;
}

export interface ConsentEventRecord extends PairKey {
  kind: 'requested' | 'opted_in' | 'opted_out' | 'unreachable';
  basis: string;
  requestedBy?: string | null;
  templateName?: string | null;
  templateLanguage?: string | null;
  requestMessageId?: string | null;
  answerProviderMessageId?: string | null;
  answerText?: string | null;
  occurredAt: Date;
}

export interface ThreadRecord {
  id: string;
  tenantId: string;
  businessNumberId: string;
  contactId: string;
  channel: Channel;
  region: Region;
  state: 'open' | 'closed';
  unassigned: boolean;
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
}

export type MessageDirection = 'in' | 'out' | 'notice';
export type MessageType = 'text' | 'image' | 'template' | 'unsupported' | 'notice';

export interface TemplateContent {
  name: string;
  language: string;
  parameters: string[];
  /** Quick-reply button payloads, in button order. */
  quickReplies?: string[];
}

export interface MessageRecord {
  id: string;
  tenantId: string;
  threadId: string;
  businessNumberId: string;
  contactId: string;
  seq: number;
  direction: MessageDirection;
  type: MessageType;
  text: string | null;
  sentText: string | null;
  mediaId: string | null;
  template: TemplateContent | null;
  senderMemberId: string | null;
  senderName: string | null;
  clientMessageId: string | null;
  status: MessageStatus;
  holdReason: 'consent' | 'window' | null;
  error: { code: string; title: string; details?: string } | null;
  providerMessageId: string | null;
  replyToProviderId: string | null;
  providerTimestamp: Date | null;
  noticeKind: NoticeKind | null;
  noticeParams: NoticeParams | null;
  createdAt: Date;
}

export type NewMessage = Omit<
  MessageRecord,
  'id' | 'seq' | 'senderName' | 'sentText' | 'error' | 'providerTimestamp' | 'noticeKind' | 'noticeParams'
> &
  Partial<Pick<MessageRecord, 'providerTimestamp' | 'noticeKind' | 'noticeParams' | 'sentText'>>;

export interface RejoinRequestRecord {
  id: string;
  tenantId: string;
  threadId: string;
  memberId: string;
  displayName: string;
  state: 'pending' | 'approved' | 'declined';
  createdAt: Date;
}

export interface DomainEventRecord {
  tenantId: string;
  type: string;
  threadId?: string | null;
  actorMemberId?: string | null;
  payload?: Record<string, unknown>;
  occurredAt: Date;
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
  /** What the caller has read and may see; for the Unassigned queue, everything. */
  lastReadSeq: number;
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
}

/** Repositories bound to one transaction. */
export interface Store {
  tenants: {
    byId(id: string): Promise<TenantRecord | null>;
    create(input: { name: string; aadTenantId?: string | null }): Promise<TenantRecord>;
    byName(name: string): Promise<TenantRecord | null>;
  };
  members: {
    byId(tenantId: string, id: string): Promise<MemberRecord | null>;
    byIds(tenantId: string, ids: string[]): Promise<MemberRecord[]>;
    byEmail(tenantId: string, email: string): Promise<MemberRecord | null>;
    byEmailAnyTenant(email: string): Promise<MemberRecord[]>;
    search(
      tenantId: string,
      filter: { query?: string | undefined; region?: Region | undefined },
    ): Promise<MemberRecord[]>;
    create(input: Omit<MemberRecord, 'id'>): Promise<MemberRecord>;
    update(
      tenantId: string,
      id: string,
      patch: Partial<Omit<MemberRecord, 'id' | 'tenantId'>>,
    ): Promise<MemberRecord | null>;
  };
  numbers: {
    byId(tenantId: string, id: string): Promise<BusinessNumberRecord | null>;
    forRegion(tenantId: string, channel: Channel, region: Region): Promise<BusinessNumberRecord | null>;
    byProviderId(channel: Channel, providerNumberId: string): Promise<BusinessNumberRecord | null>;
    create(
      input: Omit<BusinessNumberRecord, 'id'> & { wabaId?: string | null },
    ): Promise<BusinessNumberRecord>;
  };
  contacts: {
    byId(tenantId: string, id: string): Promise<ContactRecord | null>;
    byPhone(tenantId: string, phoneE164: string): Promise<ContactRecord | null>;
    search(tenantId: string, query: string | undefined, limit: number): Promise<ContactRecord[]>;
    /** Inserts unless a contact with that phone exists; answers the stored one and whether it was created. */
    createOrGet(input: {
      tenantId: string;
      phoneE164: string;
      displayName: string | null;
    }): Promise<{ contact: ContactRecord; created: boolean }>;
  };
  pairs: {
    /** The pair's row, created in state `none` when missing, locked for the rest of the transaction. */
    lock(key: PairKey): Promise<PairRecord>;
    get(key: PairKey): Promise<PairRecord>;
    /** Guarded transition: changes consent only if it is still `from`. */
    setConsent(key: PairKey, from: ConsentState, to: ConsentState): Promise<boolean>;
    update(
      key: PairKey,
      patch: Partial<
        Pick<PairRecord, 'reachability' | 'lastRequestedAt' | 'lastInboundAt' | 'resumeRequestedAt'>
      >,
    ): Promise<void>;
    appendEvent(event: ConsentEventRecord): Promise<void>;
    events(key: PairKey): Promise<(ConsentEventRecord & { id: number })[]>;
  };
  threads: {
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
    /** A page of the member's threads, newest activity first (keyset pagination, no OFFSET). */
    inboxPage(tenantId: string, memberId: string, filter: ThreadListFilter): Promise<PageEntry[]>;
    unassignedPage(tenantId: string, region: Region, filter: ThreadListFilter): Promise<PageEntry[]>;
    /** Summaries of the given page, in its order, in one query. */
    summaries(tenantId: string, page: PageEntry[]): Promise<ThreadSummary[]>;
  };
  participants: {
    active(threadId: string): Promise<ParticipationRecord[]>;
    ofMember(threadId: string, memberId: string): Promise<ParticipationRecord[]>;
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
  };
  messages: {
    byId(tenantId: string, id: string): Promise<MessageRecord | null>;
    byClientId(
      tenantId: string,
      senderMemberId: string,
      clientMessageId: string,
    ): Promise<MessageRecord | null>;
    byProviderId(providerMessageId: string): Promise<MessageRecord | null>;
    /** Inserts; answers null when the client id or provider id is already stored. */
    insert(input: NewMessage): Promise<MessageRecord | null>;
    list(
      threadId: string,
      view: { from: Date; until: Date | null },
      beforeSeq: number | null,
      limit: number,
    ): Promise<MessageRecord[]>;
    heldCount(key: PairKey): Promise<number>;
    /** held → queued for the whole pair, in order; answers the released ids. */
    releaseHeld(key: PairKey): Promise<string[]>;
    /** The oldest queued message of the pair, locked; null when none. */
    nextQueued(key: PairKey): Promise<MessageRecord | null>;
    /** Guarded transition: applies `to` only from the given statuses. */
    transition(
      id: string,
      from: MessageStatus[],
      to: MessageStatus,
      patch?: { providerMessageId?: string; error?: MessageRecord['error']; sentText?: string },
    ): Promise<boolean>;
  };
  rejoin: {
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
  };
  events: {
    append(event: DomainEventRecord): Promise<void>;
  };
  /** Jobs written in the same transaction as the data they act on (transactional outbox). */
  jobs: JobQueueTx;
  /** Live events are delivered only once the transaction commits. */
  live: { publish(event: LiveEvent & { tenantId: string }): void };
}

export interface JobQueueTx {
  send(job: JobRequest): Promise<void>;
}

export type JobRequest =
  | { name: 'deliver'; data: PairKey; singletonKey: string }
  | { name: 'notify'; data: { tenantId: string; threadId: string; kind: string; memberIds: string[] } };

export interface UnitOfWork {
  run<T>(work: (store: Store) => Promise<T>): Promise<T>;
}

/** WhatsApp (and SMS) sending. The Graph API client and the sandbox implement it in whatsapp/. */
export interface OutboundMessage {
  channel: Channel;
  from: BusinessNumberRecord;
  to: ContactRecord;
  messageId: string;
  content:
    | { type: 'text'; text: string; replyToProviderId?: string | null }
    | { type: 'image'; mediaId: string; caption?: string | null }
    | { type: 'template'; template: TemplateContent };
}

export type SendOutcome =
  | { ok: true; providerMessageId: string }
  | {
      ok: false;
      kind: 'unreachable' | 'window_closed' | 'retry' | 'permanent';
      code: string;
      title: string;
      details?: string;
    };

export interface WhatsAppGateway {
  send(message: OutboundMessage): Promise<SendOutcome>;
}

export interface LiveEventSource {
  subscribe(listener: (event: LiveEvent & { tenantId: string }) => void): () => void;
}
