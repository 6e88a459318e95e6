import type { AppContext } from '../app/context.js';
import type { MessageRecord, Store, UnitOfWork } from '../ports/index.js';

/**
 * Persistence only the Teams adapter needs (declared beside it; db/ implements it): conversation references, inbound
 * cards, send history for the Teams rate limits.
 */

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
}

/** What the Teams adapter's transactions see: the core's ports and the bot's own state. */
export type TeamsTx = Store & { teams: TeamsStore };
export type TeamsUnitOfWork = UnitOfWork<TeamsTx>;
export type TeamsContext = AppContext<TeamsTx>;
