import type { Channel, MessageStatus } from '@bridgeline/shared';
import type { NoticeKind, NoticeParams } from '../domain/notices.js';
import type { PairKey } from './pair.js';

export type MessageDirection = 'in' | 'out' | 'notice';
export type MessageType = 'text' | 'image' | 'template' | 'unsupported' | 'notice';

/** What one outbound message carries to the provider. */
export type OutboundContent =
  | { type: 'text'; text: string; replyToProviderId?: string | null }
  | { type: 'image'; mediaId: string; caption?: string | null }
  | { type: 'template'; template: TemplateContent };

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
  /** When a held message was let go (it left then, not when it was written); null for one never held. */
  releasedAt?: Date | null;
  noticeKind: NoticeKind | null;
  noticeParams: NoticeParams | null;
  createdAt: Date;
  /** Data loss prevention: the rules that flagged it, and the policy token it was checked against. */
  dlpFlags?: string[] | null;
  dlpVersion?: string | null;
}

export type NewMessage = Omit<
  MessageRecord,
  'id' | 'seq' | 'senderName' | 'sentText' | 'error' | 'providerTimestamp' | 'noticeKind' | 'noticeParams'
> &
  Partial<Pick<MessageRecord, 'providerTimestamp' | 'noticeKind' | 'noticeParams' | 'sentText'>>;

export interface StatusRecord {
  tenantId: string;
  messageId: string | null;
  providerMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  error: { code: string; title: string; details?: string } | null;
  occurredAt: Date;
  /** Meta's `pricing` object of the status, when it has one (issue 18: the usage view adds these up). */
  pricing?: StatusPricing | null;
  /** The business number the status came for. */
  businessNumberId?: string | null;
}

export interface StatusPricing {
  model: string | null;
  type: string | null;
  category: string | null;
  billable: boolean | null;
}

export interface MessagesPort {
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
  releaseHeld(key: PairKey, at: Date): Promise<string[]>;
  /**
   * The pair's messages held now leave, once released, right after the message with this `seq` (the opt-in
   * confirmation, product.md §7b) instead of before it.
   */
  putBehind(key: PairKey, seq: number): Promise<void>;
  /** The oldest queued message of the pair, locked; null when none. */
  nextQueued(key: PairKey): Promise<MessageRecord | null>;
  /** Guarded transition: applies `to` only from the given statuses. `error: null` clears the error. */
  transition(
    id: string,
    from: MessageStatus[],
    to: MessageStatus,
    patch?: { providerMessageId?: string; error?: MessageRecord['error']; sentText?: string },
  ): Promise<boolean>;
  /** Guarded: a message whose attempt Meta refused for the window goes back to held, forgetting that attempt's id. */
  holdAgain(id: string, from: MessageStatus[], error: MessageRecord['error']): Promise<boolean>;
}

export interface StatusesPort {
  /** One row per (provider message id, status); false when it was already stored. */
  record(input: StatusRecord): Promise<boolean>;
  /** Whether Meta reported this send attempt failed (its message may have been held and sent again since). */
  attemptFailed(tenantId: string, providerMessageId: string): Promise<boolean>;
}

/** Steps toward Meta: the worker's hot path (deliver-pair), one statement per step, and read receipts. */
export interface DeliveryPort {
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
    content: OutboundContent;
    occurredAt: Date;
  }): Promise<void>;
  /**
   * The thread's latest inbound message from the contact up to `upToSeq`, claimed for a read receipt: answers its id
   * the first time only (at most one receipt per message, whoever reads and however often).
   */
  claimReadReceipt(threadId: string, upToSeq: number, at: Date): Promise<string | null>;
}
