import type { ErrorCode } from '@bridgeline/shared';
import type { NumberHealthPort, RateCardsPort, UsagePort } from './account-health.js';
import type { ArchiveWriter } from './archive.js';
import type { ContactsPort, IdentitiesPort } from './contacts.js';
import type { DlpMessagesPort, DlpReviewsPort, DlpRulesPort } from './dlp.js';
import type { BusEvent, EventsPort } from './events.js';
import type { JobQueueTx } from './jobs.js';
import type { MediaPort } from './media.js';
import type { DeliveryPort, MessagesPort, StatusesPort } from './messages.js';
import type { PairsPort } from './pair.js';
import type { MembersPort, NumbersPort, TenantsPort } from './people.js';
import type { TemplatesPort } from './templates.js';
import type { ParticipantsPort, RejoinPort, ThreadsPort } from './threads.js';

/**
 * The core's repositories, bound to one transaction. A use case names the parts it touches (`Pick<Store, …>`), so a
 * unit test hands it small in-memory fakes of just those. Persistence only one adapter needs (Teams conversation
 * references, the webhook inbox, rate-limit buckets) is declared beside that adapter, not here.
 */
export interface Store {
  tenants: TenantsPort;
  members: MembersPort;
  numbers: NumbersPort;
  contacts: ContactsPort;
  /** WhatsApp identities of contacts: every Brazil/Mexico spelling of a number, and business-scoped user ids. */
  identities: IdentitiesPort;
  pairs: PairsPort;
  threads: ThreadsPort;
  participants: ParticipantsPort;
  rejoin: RejoinPort;
  /** The one writer of message rows and their status. */
  messages: MessagesPort;
  /** Meta's status reports as received, one row per (provider message id, status). */
  statuses: StatusesPort;
  /** Steps toward Meta: the worker's hot path (deliver-pair), one statement per step, and read receipts. */
  delivery: DeliveryPort;
  media: MediaPort;
  templates: TemplatesPort;
  /** WhatsApp account health (issue 18): numbers' quality, limits and restrictions; priced messages; the rate card. */
  numberHealth: NumberHealthPort;
  usage: UsagePort;
  rateCards: RateCardsPort;
  events: EventsPort;
  /** Data loss prevention: the tenant's rules, flagged messages' reviews, what a check wrote on a message. */
  dlpRules: DlpRulesPort;
  dlpReviews: DlpReviewsPort;
  dlpMessages: DlpMessagesPort;
  /**
   * The compliance archive. Domain and consent events are archived by the adapter without asking; records that are
   * no such event (an export, a hold, a purge) are appended here. Sealed into the chain at commit.
   */
  archive: ArchiveWriter;
  /** Jobs written in the same transaction as the data they act on (transactional outbox). */
  jobs: JobQueueTx;
  /** Live events are delivered only once the transaction commits. */
  live: { publish(event: BusEvent): void };
}

/** Runs work in one transaction over a store: the core's (`Store`) or an adapter's wider one. */
export interface UnitOfWork<S = Store> {
  run<T>(work: (store: S) => Promise<T>): Promise<T>;
  /** Reads without a transaction: one pooled connection, no BEGIN/COMMIT round trips. Writes belong in `run`. */
  read<T>(work: (store: S) => Promise<T>): Promise<T>;
}

/**
 * A product rule the database itself enforces (a trigger or constraint) refused a write, e.g. an 11th member that
 * raced past the domain's check. Thrown by a repository so the whole transaction rolls back; the use case answers
 * the refusal it stands for (`answerStoreRefusals`), never a 500.
 */
export class StoreRefusal extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
  ) {
    super(`refused by the database: ${code}`);
    this.name = 'StoreRefusal';
  }
}
