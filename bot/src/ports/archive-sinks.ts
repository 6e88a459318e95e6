import type { ArchiveSinkName, RecordKinds, StoredRecord } from '../domain/archive/index.js';

/**
 * The archive's outward feeds (docs/archive.md, "Journal and CRM push"): a cursor per (tenant, sink) over the tenant's
 * chain. A drain holds a lease on the cursor while it delivers (one drain per tenant and sink at a time, across
 * processes), moves it after each record the far end accepted, and on a failure stops there and waits before trying
 * again. Each call is one short transaction of its own: no transaction stays open while a record travels.
 */
export interface ArchiveSinkCursor {
  tenantId: string;
  sink: ArchiveSinkName;
  /** Every record up to this seq is done: delivered, or passed over (not of the sink's kinds, or the journal off). */
  lastSeq: number;
  /** The last record actually delivered. */
  lastDeliveredSeq: number;
  lastDeliveredAt: Date | null;
  /** Failed attempts in a row (0 once a delivery succeeds again). */
  failures: number;
  lastError: string | null;
  failingSince: Date | null;
  /** No attempt before this time (the backoff after a failure). */
  nextAttemptAt: Date | null;
}

export interface ArchiveSinksPort {
  /**
   * The (tenant, sink) pairs with work: the tenant's head is past the cursor (a sink without a cursor yet starts at 0),
   * the backoff has run out by `now`, and no other drain holds the lease. One query, whatever the number of tenants.
   */
  due(sinks: readonly ArchiveSinkName[], now: Date): Promise<{ tenantId: string; sink: ArchiveSinkName }[]>;
  /** Takes the lease for `owner` (made on first use); null while another owner's lease runs. */
  claim(tenantId: string, sink: ArchiveSinkName, owner: string): Promise<ArchiveSinkCursor | null>;
  /**
   * Moves the cursor forward to `toSeq` (and renews the lease), as `owner`; false when the lease was lost or the
   * cursor is already there. `deliveredAt` set: the record at `toSeq` was delivered. `clearFailure`: the sink is no
   * longer failing.
   */
  advance(
    tenantId: string,
    sink: ArchiveSinkName,
    owner: string,
    move: { toSeq: number; deliveredAt: Date | null; clearFailure: boolean },
  ): Promise<boolean>;
  /** Counts a failed attempt and sets when to try again. */
  failed(
    tenantId: string,
    sink: ArchiveSinkName,
    owner: string,
    failure: { at: Date; error: string; failures: number; nextAttemptAt: Date },
  ): Promise<void>;
  release(tenantId: string, sink: ArchiveSinkName, owner: string): Promise<void>;
  get(tenantId: string, sink: ArchiveSinkName): Promise<ArchiveSinkCursor | null>;
  /**
   * The records after `afterSeq` of the given kinds (null: all) and how long the oldest of them has waited since it
   * was recorded, in seconds by the database's clock.
   */
  pending(
    tenantId: string,
    afterSeq: number,
    kinds: RecordKinds | null,
  ): Promise<{ count: number; oldestWaitingSeconds: number }>;
}

/**
 * Delivers one record to one sink's far end (the firm's SMTP archive, the CRM endpoint). Resolves once the far end
 * accepted it; throws (with a message an operator can act on) when it did not, and the record is tried again later.
 */
export interface ArchiveDelivery {
  sink: ArchiveSinkName;
  deliver(record: StoredRecord): Promise<void>;
}
