import type { ArchivePayload, Checkpoint, StoredRecord } from '../domain/archive/index.js';
import type { LegalHoldsPort } from './legal-holds.js';
import type { RetentionPort } from './retention.js';
import type { ArchiveSinksPort } from './archive-sinks.js';
import type { ArchiveExportsPort } from './archive-exports.js';

/**
 * The compliance archive (docs/archive.md). Writes happen as a side of the changes they record: every domain event
 * and consent event appended in a transaction becomes one archive record, sealed into the tenant's hash chain when
 * that transaction commits (the adapter does it, so no change can be stored without its record, nor a record without
 * its change). What the use cases read and control is below.
 */
export interface ArchiveEntry {
  tenantId: string;
  /** The domain event's or consent event's own type (`message.received`, `consent.opted_in`, …). */
  event: string;
  at: Date;
  threadId?: string | null;
  messageId?: string | null;
  contactId?: string | null;
  businessNumberId?: string | null;
  actorMemberId?: string | null;
  subjectMemberId?: string | null;
  details?: Record<string, unknown>;
}

export interface ArchiveWriter {
  /** Appends records that are not domain events of a thread (`export.*`, `hold.*`, `retention.*`, `admin.*`). */
  append(entry: ArchiveEntry & { type: string }): void;
}

export interface ArchiveHead {
  tenantId: string;
  records: number;
  head: string;
  checkpoint: { seq: number; at: Date } | null;
}

export interface ArchiveSettings {
  tenantId: string;
  retentionDays: number;
  journalEnabled: boolean;
  lastVerifiedAt: Date | null;
  lastVerify: Record<string, unknown> | null;
}

/** Reading the chain back, in `seq` order and in batches (a million records never sit in memory at once). */
export interface ArchiveReader {
  head(tenantId: string): Promise<ArchiveHead>;
  /** Records with seq > `afterSeq`, at most `limit`, oldest first. */
  records(tenantId: string, afterSeq: number, limit: number): Promise<StoredRecord[]>;
  /**
   * The same records as verify reads them: each record's stored sealed text (what its hash covers), its words, its
   * `type` and `at` columns, and whether its payload still says what sealed text and words say, with only the payload
   * fields verify needs. Hashing stored text instead of re-canonicalising every payload is what lets verify read
   * 100,000 records a second. `thorough`: compare every payload even where the database guarantees it.
   */
  forVerify(
    tenantId: string,
    afterSeq: number,
    limit: number,
    options?: { thorough?: boolean },
  ): Promise<StoredRecord[]>;
  checkpoints(tenantId: string): Promise<Checkpoint[]>;
  /** The seq ranges that retention records say were purged (content removed), from every `retention.purged` record. */
  purgedRanges(tenantId: string): Promise<[number, number][]>;
  tenantsWithRecords(): Promise<string[]>;
}

export interface ArchiveSettingsPort {
  get(tenantId: string): Promise<ArchiveSettings>;
  update(
    tenantId: string,
    patch: Partial<Pick<ArchiveSettings, 'retentionDays' | 'journalEnabled'>>,
  ): Promise<ArchiveSettings>;
  recordVerify(tenantId: string, at: Date, outcome: Record<string, unknown>): Promise<void>;
}

/** A checkpoint to sign: the tenant's head as it stands. The signer lives in archive/ (Ed25519). */
export interface CheckpointSigner {
  keyId: string;
  sign(text: string): string;
  verify(text: string, signature: string): boolean;
  publicKeyPem: string;
}

export interface ArchiveCheckpointsPort {
  /**
   * Signs the tenant's head as it stands, unless the last checkpoint already covers it; answers the new checkpoint.
   * Locks the head for the rest of the transaction, so no record is appended between reading and signing it.
   */
  signHead(tenantId: string, signer: CheckpointSigner, at: Date): Promise<Checkpoint | null>;
}

/** What the compliance use cases read and control besides the core's ports. */
export interface ComplianceStore {
  archiveRead: ArchiveReader;
  archiveSettings: ArchiveSettingsPort;
  archiveCheckpoints: ArchiveCheckpointsPort;
  legalHolds: LegalHoldsPort;
  retention: RetentionPort;
  /** The cursors of the outward feeds: the SMTP journal and the CRM push. */
  archiveSinks: ArchiveSinksPort;
  /** Export jobs and the filtered reading of the chain they do (archive-exports.ts). */
  archiveExports: ArchiveExportsPort;
}

export type { ArchivePayload, Checkpoint, StoredRecord };
