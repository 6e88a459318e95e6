import type { HoldTarget, LegalHoldScope } from '../domain/archive/index.js';

/**
 * Legal holds (docs/archive.md, "Retention and legal hold"): while a hold is active, retention removes nothing it
 * covers. A hold is never deleted: releasing it records when and by whom, and the row stays as evidence.
 */
export interface LegalHoldRecord {
  id: string;
  tenantId: string;
  scope: LegalHoldScope;
  targetId: string;
  /** The target in words: the contact's name or number, the member's name, the thread's contact. */
  targetLabel: string;
  reason: string;
  createdBy: { id: string; displayName: string };
  createdAt: Date;
  releasedAt: Date | null;
  releasedBy: { id: string; displayName: string } | null;
}

export interface NewLegalHold extends HoldTarget {
  tenantId: string;
  reason: string;
  createdBy: string;
  createdAt: Date;
}

export interface LegalHoldsPort {
  create(hold: NewLegalHold): Promise<LegalHoldRecord>;
  byId(tenantId: string, id: string): Promise<LegalHoldRecord | null>;
  /** Newest first; active ones only unless `includeReleased`. */
  list(tenantId: string, options: { includeReleased: boolean }): Promise<LegalHoldRecord[]>;
  /** Releases an active hold; null when there is no such hold or it was released already. */
  release(tenantId: string, id: string, by: string, at: Date): Promise<LegalHoldRecord | null>;
  /** What the tenant's active holds cover, for retention to decide on. */
  active(tenantId: string): Promise<HoldTarget[]>;
  /**
   * Takes the tenant's hold lock until the transaction ends: a hold being created and a purge of the same tenant run
   * one after the other, so a purge never removes what a hold committed while it decided covers.
   */
  lock(tenantId: string): Promise<void>;
}
