import type {
  BusEvent,
  BusinessNumberRecord,
  NumberHealthChangeRecord,
  NumberHealthRecord,
  PricedGroup,
  RateCardRecord,
  ConsentEventRecord,
  ContactRecord,
  DomainEventRecord,
  JobRequest,
  MediaRecord,
  MemberRecord,
  MessageRecord,
  PairRecord,
  ParticipationRecord,
  RejoinRequestRecord,
  StatusRecord,
  TemplateRecord,
  TenantRecord,
  ThreadRecord,
  ArchiveEntry,
  DlpReviewRecord,
  DlpRuleRecord,
} from '../../src/ports/index.js';

/**
 * The tables of the in-memory store: what the database keeps, as plain rows. Joined columns (a sender's or a
 * member's name) are not stored here; the fakes look them up as the repositories' joins do.
 */
export interface MessageRow extends Omit<MessageRecord, 'senderName'> {
  sendAfterSeq: number | null;
  sendingAt: Date | null;
  readReceiptAt: Date | null;
  updatedAt: Date;
}
export interface ParticipationRow extends Omit<ParticipationRecord, 'displayName'> {
  tenantId: string;
  lastActivityAt: Date;
}
export interface RejoinRow extends Omit<RejoinRequestRecord, 'displayName'> {
  decidedBy: string | null;
  decidedAt: Date | null;
}

export interface State {
  tenants: (TenantRecord & { aadTenantId: string | null; smsHelpText?: string | null })[];
  members: MemberRecord[];
  numbers: (BusinessNumberRecord & { wabaId: string | null })[];
  contacts: ContactRecord[];
  pairs: PairRecord[];
  consentEvents: (ConsentEventRecord & { id: number })[];
  threads: (ThreadRecord & { createdBy: string | null; closedAt: Date | null })[];
  participants: ParticipationRow[];
  rejoin: RejoinRow[];
  messages: MessageRow[];
  dlpRules: DlpRuleRecord[];
  /** Each tenant's DLP policy token. */
  dlpVersions: Record<string, string>;
  dlpReviews: Omit<DlpReviewRecord, 'text' | 'senderName' | 'contactLabel'>[];
  statuses: StatusRecord[];
  media: MediaRecord[];
  templates: (TemplateRecord & { reason: string | null })[];
  /** Account health (issue 18), by business number id; its history; priced groups; rate cards by tenant. */
  numberHealth: Record<
    string,
    Pick<NumberHealthRecord, 'qualityRating' | 'messagingLimit' | 'restrictions' | 'updatedAt'>
  >;
  numberHealthChanges: NumberHealthChangeRecord[];
  pricedGroups: (PricedGroup & { tenantId: string })[];
  rateCards: Record<string, RateCardRecord | undefined>;
  /** The append-only domain event log. */
  events: DomainEventRecord[];
  /** Records appended to the archive directly (exports, holds, purges); events are archived by the adapter. */
  archive: (ArchiveEntry & { type: string })[];
  /** Jobs sent in committed transactions, in order. */
  jobs: JobRequest[];
  /** Live events of committed transactions, in order. */
  live: BusEvent[];
  /** Sequences: ids and message `seq`. */
  counters: { id: number; seq: number; consentEvent: number };
}

export function emptyState(): State {
  return {
    dlpRules: [],
    dlpVersions: {},
    dlpReviews: [],
    tenants: [],
    members: [],
    numbers: [],
    contacts: [],
    pairs: [],
    consentEvents: [],
    threads: [],
    participants: [],
    rejoin: [],
    messages: [],
    statuses: [],
    media: [],
    templates: [],
    numberHealth: {},
    numberHealthChanges: [],
    pricedGroups: [],
    rateCards: {},
    events: [],
    archive: [],
    jobs: [],
    live: [],
    counters: { id: 0, seq: 0, consentEvent: 0 },
  };
}

/** A fresh, readable UUID (version 4 layout), in creation order. */
export function nextId(state: State): string {
  state.counters.id += 1;
  return `00000000-0000-4000-8000-${String(state.counters.id).padStart(12, '0')}`;
}

/** A copy of a row, so a caller never holds the store's own object (a database hands out copies too). */
export const copy = <T>(row: T): T => structuredClone(row);

export const samePair = (
  a: { tenantId: string; businessNumberId: string; contactId: string },
  b: { tenantId: string; businessNumberId: string; contactId: string },
) => a.tenantId === b.tenantId && a.businessNumberId === b.businessNumberId && a.contactId === b.contactId;
