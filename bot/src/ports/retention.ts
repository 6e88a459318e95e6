import type { RetentionSubject } from '../domain/archive/index.js';

/** Where a page of candidates ends: the next page starts after it. Opaque (the message's time and id). */
export type RetentionCursor = string;

/** A message whose content is still there and old enough to be considered, with what retention decides on. */
export interface RetentionCandidate extends RetentionSubject {
  id: string;
  cursor: RetentionCursor;
}

/** What one purge removed, within the transaction it ran in. */
export interface PurgeResult {
  /** Messages whose text, sent text and template parameters were removed. */
  messages: number;
  /** Media rows marked purged (their bytes are deleted from the media store after the commit). */
  media: number;
  /** Archive records whose content was set to null. */
  records: number;
  /**
   * The archive seq ranges (inclusive) this purge's records lie in, as few as the chain allows: a range spans
   * records without content, never one whose content stays.
   */
  ranges: [number, number][];
}

/** Media a purge marked, whose bytes are still in the media store. */
export interface MediaBytesDue {
  id: string;
  storageKey: string | null;
  /** Another media row of the tenant that is not purged has the same bytes (same SHA-256): they must stay. */
  shared: boolean;
}

/**
 * Retention's side of the database: finding content past its time, and removing it in one transaction together with
 * the tombstone that says so (the archive refuses the removal outside such a transaction).
 */
export interface RetentionPort {
  /** Every tenant, for the daily run. */
  tenants(): Promise<string[]>;
  /** Messages created before `before` whose content is not purged yet, oldest first, after `after`. */
  candidates(
    tenantId: string,
    before: Date,
    after: RetentionCursor | null,
    limit: number,
  ): Promise<RetentionCandidate[]>;
  /**
   * Removes the content of these messages: the message rows' words, their media (marked purged) and the content of
   * every archive record of them. Turns the archive's purge switch on for the rest of the transaction.
   */
  purge(tenantId: string, messageIds: readonly string[], at: Date): Promise<PurgeResult>;
  /** Purged media whose bytes have not been deleted yet, at most `limit`. */
  mediaBytesDue(tenantId: string, limit: number): Promise<MediaBytesDue[]>;
  mediaBytesDeleted(tenantId: string, ids: readonly string[], at: Date): Promise<void>;
}
