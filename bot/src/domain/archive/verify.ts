import { canonicalJson } from './canonical-json.js';
import {
  GENESIS_HASH,
  contentDigest,
  linkHash,
  sealedJson,
  type ArchiveContent,
  type ArchivePayload,
  type Sha256Hex,
} from './chain.js';

/**
 * Verifying one tenant's chain, record after record in `seq` order (fed in batches, so a million records need no
 * more memory than one batch), then against the signed checkpoints. Pure: SHA-256 and the signature check are
 * handed in. The first break found is the answer, named by the record's seq and what is wrong with it.
 */
export interface StoredRecord {
  seq: number;
  prevHash: string;
  hash: string;
  payload: ArchivePayload;
  /**
   * The record's sealed form as stored (`archive_records.sealed`), and whether the stored payload says the same (the
   * database derives payload from sealed and content, or compares them when that no longer holds). With both, verify
   * hashes the stored text instead of canonicalising every payload, and `payload` need only carry `seq`, `tenantId`,
   * `content` and `contentSha256`. Without them (an export read back), the payload is canonicalised here.
   */
  sealed?: string;
  payloadMatchesSealed?: boolean;
  /**
   * The words as stored text (`archive_records.content`, canonical JSON, null once purged or when there are none). When
   * given, `payload.content` is not read: the text's SHA-256 is compared with `contentSha256` as it is, and only a
   * text that is not canonical (records written before migration 1763770450000) is parsed and canonicalised.
   */
  contentText?: string | null;
  /**
   * Whether the row's own `seq`, `tenant_id`, `type` and `at` columns (what queries select on) say what the record
   * says (the database compares them as it reads). When given, `payload` need not carry `type` and `at`.
   */
  columnsMatch?: boolean;
}

export interface Checkpoint {
  tenantId: string;
  seq: number;
  hash: string;
  at: string;
  signature: string;
}

export interface ChainBreak {
  seq: number;
  reason: string;
}

export interface VerifyOutcome {
  intact: boolean;
  records: number;
  head: string;
  brokenAt: ChainBreak | null;
}

/** Which seqs retention has purged, and may therefore have no content (from the `retention.purged` records). */
export type PurgedSeqs = (seq: number) => boolean;

export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private broken: ChainBreak | null = null;
  private readonly hashes = new Map<number, string>();

  constructor(
    private readonly tenantId: string,
    private readonly sha256: Sha256Hex,
    /** Seqs whose hash must be remembered to check a checkpoint against. */
    private readonly checkpointSeqs: ReadonlySet<number> = new Set(),
  ) {}

  get brokenAt(): ChainBreak | null {
    return this.broken;
  }

  /** Feeds the next records; answers false once the chain is broken (nothing after the break is worth reading). */
  feed(records: readonly StoredRecord[], purged: PurgedSeqs = () => false): boolean {
    for (const record of records) {
      if (this.broken) return false;
      this.broken = this.check(record, purged);
      if (this.broken) return false;
      if (this.checkpointSeqs.has(record.seq)) this.hashes.set(record.seq, record.hash);
      this.prevHash = record.hash;
      this.expectedSeq = record.seq + 1;
    }
    return true;
  }

  private check(record: StoredRecord, purged: PurgedSeqs): ChainBreak | null {
    const { seq, payload } = record;
    if (seq > this.expectedSeq) {
      const missing = this.expectedSeq === seq - 1 ? `${this.expectedSeq}` : `${this.expectedSeq}–${seq - 1}`;
      return { seq: this.expectedSeq, reason: `missing record (${missing} absent)` };
    }
    if (seq < this.expectedSeq) return { seq, reason: 'record out of order (its seq was already seen)' };
    if (payload.seq !== seq || payload.tenantId !== this.tenantId)
      return { seq, reason: 'edited content (its seq or tenant differs from its place in the chain)' };
    if (record.prevHash !== this.prevHash)
      return { seq, reason: "wrong link (its prev_hash is not the previous record's hash)" };
    if (linkHash(record.prevHash, record.sealed ?? sealedJson(payload), this.sha256) !== record.hash)
      return { seq, reason: 'edited content (the record does not match its hash)' };
    // The database compares payload and sealed text when it reads them; a record without that answer is compared here.
    const matches =
      record.payloadMatchesSealed ?? (record.sealed === undefined || sealedJson(payload) === record.sealed);
    if (!matches) return { seq, reason: 'edited content (the record differs from what was sealed)' };
    if (record.columnsMatch === false)
      return { seq, reason: 'edited content (its seq, tenant, type or time column differs from the record)' };
    const words = record.contentText !== undefined ? record.contentText : payload.content;
    if (words === null) {
      if (payload.contentSha256 !== null && !purged(seq))
        return { seq, reason: 'content removed without a retention record' };
    } else if (!this.wordsMatch(words, payload.contentSha256)) {
      return { seq, reason: 'edited content (the words do not match their SHA-256)' };
    }
    return null;
  }

  /** Whether the words are those `contentSha256` names; stored text that is already canonical is hashed as it is. */
  private wordsMatch(words: string | ArchiveContent, expected: string | null): boolean {
    if (typeof words !== 'string') return contentDigest(words, this.sha256) === expected;
    if (this.sha256(words) === expected) return true;
    let parsed: unknown;
    try {
      parsed = JSON.parse(words);
    } catch {
      return false;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return false;
    return this.sha256(canonicalJson(parsed)) === expected;
  }

  /**
   * The chain read so far against the tenant's signed checkpoints: each must be signed by our key and name a record
   * that exists with that hash. A checkpoint beyond the last record means records were cut off the end.
   */
  finish(
    checkpoints: readonly Checkpoint[],
    signatureValid: (checkpoint: Checkpoint) => boolean,
  ): VerifyOutcome {
    const records = this.expectedSeq - 1;
    if (!this.broken) {
      for (const checkpoint of [...checkpoints].sort((a, b) => a.seq - b.seq)) {
        if (!signatureValid(checkpoint)) {
          this.broken = { seq: checkpoint.seq, reason: 'checkpoint signature invalid' };
          break;
        }
        if (checkpoint.seq > records) {
          this.broken = {
            seq: records + 1,
            reason:
              `records missing after the last signed checkpoint (checkpoint of ${checkpoint.at} covers ` +
              `${checkpoint.seq} records, ${records} found)`,
          };
          break;
        }
        const hash = this.hashes.get(checkpoint.seq);
        if (hash !== undefined && hash !== checkpoint.hash) {
          this.broken = { seq: checkpoint.seq, reason: 'record differs from its signed checkpoint' };
          break;
        }
      }
    }
    return {
      intact: this.broken === null,
      records,
      head: this.prevHash,
      brokenAt: this.broken,
    };
  }
}

/** The exact bytes a checkpoint's signature covers. */
export const checkpointText = (checkpoint: Omit<Checkpoint, 'signature'>): string =>
  canonicalJson({
    at: checkpoint.at,
    hash: checkpoint.hash,
    seq: checkpoint.seq,
    tenantId: checkpoint.tenantId,
  });
