import type {
  Channel,
  ConsentState,
  LiveEvent,
  MessageStatus,
  Reachability,
  Region,
} from '@bridgeline/shared';
import type { NoticeKind, NoticeParams } from './domain/notices.js';
import type { RateDecision, RateRule } from './domain/rate-limit.js';

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
  unreadCount: number;
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
}

export type PagedSummary = ThreadSummary & { sortAt: Date };

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
    /** A page of the member's threads with their summaries, newest activity first (keyset, no OFFSET), in one query. */
    inbox(tenantId: string, memberId: string, filter: ThreadListFilter): Promise<PagedSummary[]>;
    unassigned(tenantId: string, region: Region, filter: ThreadListFilter): Promise<PagedSummary[]>;
    /** Summaries of the given threads, newest activity first, in one query. */
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
    /** Guarded transition: applies `to` only from the given statuses. `error: null` clears the error. */
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
  /** WhatsApp identities of contacts: every Brazil/Mexico spelling of a number, and business-scoped user ids. */
  identities: {
    /** The contact matching any of the wa_id variants (as wa_id or as phone) or the BSUID. */
    find(tenantId: string, ids: { waIds: string[]; bsuid: string | null }): Promise<ContactRecord | null>;
    /** Inserts unless a contact with that phone, wa_id or BSUID exists; answers the stored one. */
    createOrGet(input: ContactIdentityInput): Promise<ContactRecord>;
    /** Fills what Meta told us and we did not know; never overwrites a name a member typed. */
    complete(tenantId: string, id: string, input: Omit<ContactIdentityInput, 'tenantId'>): Promise<void>;
  };
  webhookEvents: {
    /** The raw body as received; false when these exact bytes were already stored for the tenant. */
    record(input: {
      tenantId: string;
      bodySha256: string;
      body: string;
      signature: string | null;
      receivedAt: Date;
    }): Promise<boolean>;
  };
  statuses: {
    /** One row per (provider message id, status); false when it was already stored. */
    record(input: StatusRecord): Promise<boolean>;
    /** Whether Meta reported this send attempt failed (its message may have been held and sent again since). */
    attemptFailed(tenantId: string, providerMessageId: string): Promise<boolean>;
  };
  /** Steps toward Meta: the worker's hot path (deliver-pair), one statement per step, and read receipts. */
  delivery: {
    /**
     * Claims the pair's oldest queued message (locked, SKIP LOCKED) in one statement: queued → sending, or straight to
     * sent when Meta already gave it an id (`skipped`: never sent twice). With what the send needs from its thread.
     */
    claimNext(
      key: PairKey,
      now: Date,
    ): Promise<{
      message: MessageRecord;
      skipped: boolean;
      channel: Channel;
      activeMembers: number;
    } | null>;
    /**
     * Messages in `sending` without Meta's id, claimed at `claimedBy` or earlier (a crash between the claim and Meta's
     * answer strands them), oldest first, locked for the transaction; at most `limit`.
     */
    unconfirmedSends(claimedBy: Date, limit: number): Promise<{ message: MessageRecord; sendingAt: Date }[]>;
    /**
     * Pairs whose oldest `queued` message was last changed at `queuedBy` or earlier and that have no message in
     * `sending` (a drain that died or ended before it), oldest first; at most `limit`.
     */
    stalledPairs(
      queuedBy: Date,
      limit: number,
    ): Promise<(PairKey & { oldestQueuedAt: Date; inFlight: boolean })[]>;
    /** sending → sent with Meta's id, and the `message.sent` event, in one statement. */
    recordSent(input: {
      message: Pick<MessageRecord, 'id' | 'tenantId' | 'threadId'>;
      providerMessageId: string;
      sentText: string | null;
      content: OutboundMessage['content'];
      occurredAt: Date;
    }): Promise<void>;
    /**
     * The thread's latest inbound message from the contact up to `upToSeq`, claimed for a read receipt: answers its id
     * the first time only (at most one receipt per message, whoever reads and however often).
     */
    claimReadReceipt(threadId: string, upToSeq: number, at: Date): Promise<string | null>;
  };
  /** Outbound steps the core's repository has no words for. */
  outbound: {
    /** Guarded: a message whose attempt Meta refused for the window goes back to held, forgetting that attempt's id. */
    holdAgain(id: string, from: MessageStatus[], error: MessageRecord['error']): Promise<boolean>;
  };
  media: {
    create(input: NewMedia): Promise<MediaRecord>;
    /** Inbound media keyed by Meta's id: the existing row when the webhook was redelivered. */
    createInbound(
      input: NewMedia & { providerMediaId: string },
    ): Promise<{ media: MediaRecord; created: boolean }>;
    byId(tenantId: string, id: string): Promise<MediaRecord | null>;
    byIdAnyTenant(id: string): Promise<MediaRecord | null>;
    /** Guarded: only pending media is stored or failed. */
    stored(
      id: string,
      input: { storageKey: string; mimeType: string; sizeBytes: number; sha256: string },
    ): Promise<boolean>;
    failed(id: string, error: string): Promise<boolean>;
    /** Whether a thread the member can see (by the thread's history window) references the media. */
    visibleInThread(
      tenantId: string,
      mediaId: string,
      member: { id: string; region: Region },
    ): Promise<boolean>;
  };
  templates: {
    upsert(input: TemplateRecord): Promise<void>;
    /** A status or quality change from a webhook; creates a row when the catalogue did not know the template. */
    applyUpdate(input: {
      tenantId: string;
      wabaId: string;
      name: string;
      language: string;
      providerTemplateId: string;
      status: string | null;
      quality: string | null;
      reason: string | null;
      at: Date;
    }): Promise<void>;
    /** Rows of the WABA not seen in a full sync are gone at Meta: their status becomes DELETED. */
    markMissing(
      tenantId: string,
      wabaId: string,
      keep: { name: string; language: string }[],
      at: Date,
    ): Promise<void>;
    approved(tenantId: string): Promise<TemplateRecord[]>;
    tenantsOfWaba(wabaId: string): Promise<string[]>;
  };
  /** Verified webhook items waiting to be applied (the webhook edge stays thin: store, answer, apply later). */
  inbox: {
    /**
     * One statement: the raw body per tenant and every item of a known business number, each once. Answers the
     * business numbers it knew and the lanes that gained items.
     */
    accept(input: InboxBatch): Promise<{ knownNumbers: string[]; lanes: number[] }>;
    /** Takes the lane for this transaction ('busy' when another worker has it) and its next items that are due. */
    next(lane: number, now: Date, limit: number): Promise<InboxItem[] | 'busy'>;
    done(ids: string[], now: Date): Promise<void>;
    /** A failed attempt: retried at `retryAt`, or given up (kept with its error) when `retryAt` is null. */
    failed(id: string, error: string, retryAt: Date | null, now: Date): Promise<void>;
    /** Lanes with items due. */
    dueLanes(now: Date): Promise<number[]>;
  };
  rateLimits: {
    /** Takes one token of the bucket under a row lock, shared by every process; answers the wait when refused. */
    take(tenantId: string, key: string, rule: RateRule, now: Date): Promise<RateDecision>;
  };
  /** The Teams bot's state: conversation references, inbound cards, send history for the rate limits. */
  teams: TeamsStore;
  /** Jobs written in the same transaction as the data they act on (transactional outbox). */
  jobs: JobQueueTx;
  /** Live events are delivered only once the transaction commits. */
  live: { publish(event: LiveEvent & { tenantId: string }): void };
}

export interface JobQueueTx {
  send(job: JobRequest): Promise<void>;
}

export type JobRequest =
  | { name: 'deliver'; data: PairKey; singletonKey: string; startAfterMs?: number }
  | { name: 'notify'; data: NotifyJobData }
  | { name: 'download-media'; data: { tenantId: string; mediaId: string }; singletonKey: string }
  | { name: 'sync-templates'; data: { wabaId: string }; singletonKey: string }
  | { name: 'mark-read'; data: ReadReceiptJobData; singletonKey: string }
  | { name: 'sweep-unconfirmed-sends'; data: Record<string, never> };

/** A read receipt to send to Meta for one inbound message. */
export interface ReadReceiptJobData {
  tenantId: string;
  messageId: string;
}

export interface UnitOfWork {
  run<T>(work: (store: Store) => Promise<T>): Promise<T>;
  /** Reads without a transaction: one pooled connection, no BEGIN/COMMIT round trips. Writes belong in `run`. */
  read<T>(work: (store: Store) => Promise<T>): Promise<T>;
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
      /** For `retry`: how long to wait before the next attempt, when known (rate limits). */
      retryAfterMs?: number;
    };

export type ReadReceiptOutcome = { ok: true } | Extract<SendOutcome, { ok: false }>;

export interface WhatsAppGateway {
  send(message: OutboundMessage): Promise<SendOutcome>;
  /**
   * Tells Meta the business read a contact's message (and so every earlier one): the contact sees blue ticks.
   * Optional: a gateway without it sends no read receipts.
   */
  markRead?(from: BusinessNumberRecord, providerMessageId: string): Promise<ReadReceiptOutcome>;
}

export interface LiveEventSource {
  subscribe(listener: (event: LiveEvent & { tenantId: string }) => void): () => void;
  /** Called when events may have been missed (the process lost its database notifications for a while). */
  onResync(listener: () => void): () => void;
}

export interface ContactIdentityInput {
  tenantId: string;
  phoneE164: string | null;
  waId: string | null;
  bsuid: string | null;
  username: string | null;
  displayName: string | null;
}

export interface StatusRecord {
  tenantId: string;
  messageId: string | null;
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  error: { code: string; title: string; details?: string } | null;
  occurredAt: Date;
}

export interface MediaRecord {
  id: string;
  tenantId: string;
  direction: 'in' | 'out';
  state: 'pending' | 'stored' | 'failed';
  providerMediaId: string | null;
  businessNumberId: string | null;
  uploadedBy: string | null;
  mimeType: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  storageKey: string | null;
  error: string | null;
  createdAt: Date;
}

export type NewMedia = Pick<MediaRecord, 'tenantId' | 'direction' | 'state' | 'createdAt'> &
  Partial<Omit<MediaRecord, 'id' | 'tenantId' | 'direction' | 'state' | 'createdAt'>>;

export interface TemplateRecord {
  tenantId: string;
  wabaId: string;
  name: string;
  language: string;
  providerTemplateId: string | null;
  category: string | null;
  status: string;
  quality: string | null;
  body: string;
  parameterCount: number;
  quickReplies: string[];
  updatedAt: Date;
}

/** Bytes of images, by key (filesystem by default, Azure Blob Storage in production). */
export interface MediaStore {
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Null when nothing is stored under the key. */
  get(key: string): Promise<Buffer | null>;
}

/** A member's personal chat with the Bridgeline bot: where proactive cards go. */
export interface TeamsConversationRecord {
  tenantId: string;
  memberId: string;
  /** Entra tenant id (`tid`) the conversation belongs to. */
  aadTenantId: string;
  conversationId: string;
  serviceUrl: string;
  /** The member's Teams user id (`29:…`). */
  teamsUserId: string;
  /** The Bot Framework conversation reference, as botbuilder produced it. */
  reference: Record<string, unknown>;
}

/** The inbound-message card a member last got for a thread; later messages update it until it is acted on. */
export interface InboundCardRecord {
  tenantId: string;
  memberId: string;
  threadId: string;
  conversationId: string;
  activityId: string;
  /** Sequence number of the first message the card counts. */
  firstSeq: number;
  lastSeq: number;
  postedAt: Date;
  closed: boolean;
}

/** Epoch milliseconds of recent sends, per conversation and per tenant (what the Teams limits count). */
export interface TeamsSendTimes {
  conversation: number[];
  tenant: number[];
}

export interface TeamsStore {
  /** The enabled-or-not member with this Entra object id in the Entra tenant `aadTenantId`. */
  memberByAad(aadTenantId: string, aadObjectId: string): Promise<MemberRecord | null>;
  saveConversation(record: TeamsConversationRecord): Promise<void>;
  conversationsOf(tenantId: string, memberIds: string[]): Promise<TeamsConversationRecord[]>;
  byConversationId(conversationId: string): Promise<TeamsConversationRecord | null>;
  /** Uninstalled, or Teams said the bot is no longer in it: stop sending. */
  removeConversation(conversationId: string): Promise<boolean>;
  /** Both send histories, locked for the rest of the transaction (tenant first, then conversation). */
  lockSendTimes(tenantId: string, conversationId: string): Promise<TeamsSendTimes>;
  saveSendTimes(tenantId: string, conversationId: string, times: TeamsSendTimes): Promise<void>;
  inboundCard(tenantId: string, memberId: string, threadId: string): Promise<InboundCardRecord | null>;
  saveInboundCard(record: InboundCardRecord): Promise<void>;
  closeInboundCard(tenantId: string, memberId: string, threadId: string): Promise<void>;
  /** Inbound messages of a thread from `fromSeq` on: how many, and the newest ones (oldest first). */
  inboundSince(
    threadId: string,
    fromSeq: number,
    latest: number,
  ): Promise<{ count: number; latest: MessageRecord[] }>;
  /** Members whose participation in the thread ended exactly at `at` (the change being announced). */
  leftAt(threadId: string, at: Date): Promise<string[]>;
}

/** One notice or inbound message, for the Teams notifier. */
export interface NotifyJobData {
  tenantId: string;
  threadId: string;
  /** A notice kind, or `inbound`, `rejoin_requested`, `send_failed`. */
  kind: string;
  memberIds: string[];
  /** The notice, inbound or failed message; for `rejoin_requested`, the request. */
  subjectId: string;
  /** The member a membership notice is about (added, removed, transferred to), when one is. */
  aboutMemberId?: string | null;
  /** Held messages of the pair when the notice was made (before an opt-in or resume released them). */
  heldCount?: number;
}

export interface InboxBatch {
  items: {
    phoneNumberId: string;
    kind: 'message' | 'status';
    providerId: string;
    lane: number;
    payload: unknown;
  }[];
  bodySha256: string;
  body: string;
  signature: string | null;
  receivedAt: Date;
}

export interface InboxItem {
  id: string;
  tenantId: string;
  kind: 'message' | 'status';
  payload: unknown;
  attempts: number;
}
