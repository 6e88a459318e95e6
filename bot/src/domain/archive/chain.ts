import { canonicalJson } from './canonical-json.js';

/**
 * The archive's hash chain, one per tenant. A record's `hash` is SHA-256 over its predecessor's hash and the canonical
 * JSON of its sealed form: the record with its `content` (the words, which retention may purge) left out and
 * `contentSha256` (the digest of that content) kept. So an edit of any field breaks the record's own hash, an edit of
 * the content breaks its digest, a swapped or missing record breaks the links, and purging content under a retention
 * policy leaves the chain verifiable. SHA-256 itself is handed in (`Sha256Hex`): the domain does no I/O and imports no
 * platform module.
 */
export type Sha256Hex = (text: string) => string;

/** The first record's `prevHash`. */
export const GENESIS_HASH = '0'.repeat(64);

/** What retention may remove from a record: the words of a message or an answer, never its metadata. */
export type ArchiveContent = Record<string, unknown>;

/** One archive record as stored (`archive_records.payload`) and exported. */
export interface ArchivePayload {
  tenantId: string;
  seq: number;
  type: string;
  at: string;
  content: ArchiveContent | null;
  contentSha256: string | null;
  [field: string]: unknown;
}

/** A record before sealing: what it says, less the seq and the content digest that sealing adds. */
export interface ArchiveDraft {
  tenantId: string;
  type: string;
  at: string;
  content: ArchiveContent | null;
  [field: string]: unknown;
}

export const contentDigest = (content: ArchiveContent | null, sha256: Sha256Hex): string | null =>
  content === null ? null : sha256(canonicalJson(content));

/** A record's sealed form: its canonical JSON without `content`. Stored beside the record (`archive_records.sealed`). */
export const sealedJson = (payload: ArchivePayload): string => canonicalJson(payload, 'content');

/** What the chain hashes for one record: its predecessor's hash, a newline, its sealed form. */
export const linkHash = (prevHash: string, sealed: string, sha256: Sha256Hex): string =>
  sha256(`${prevHash}\n${sealed}`);

export const recordHash = (prevHash: string, payload: ArchivePayload, sha256: Sha256Hex): string =>
  linkHash(prevHash, sealedJson(payload), sha256);

/** A record ready to store: its payload (with the content digest filled in), its link and its hash. */
export interface SealedRecord {
  seq: number;
  prevHash: string;
  hash: string;
  payload: ArchivePayload;
  /** The exact text hashed after `prevHash` (`sealedJson(payload)`). */
  sealed: string;
}

/** Seals records that follow `head` (the tenant's last seq and hash), numbering them on from it. */
export function sealRecords(
  head: { seq: number; hash: string },
  records: readonly ArchiveDraft[],
  sha256: Sha256Hex,
): SealedRecord[] {
  let { seq, hash } = head;
  return records.map((record) => {
    seq += 1;
    const payload: ArchivePayload = {
      ...record,
      seq,
      contentSha256: contentDigest(record.content, sha256),
    } as ArchivePayload;
    const prevHash = hash;
    const sealed = sealedJson(payload);
    hash = linkHash(prevHash, sealed, sha256);
    return { seq, prevHash, hash, payload, sealed };
  });
}
