import type { ArchiveExportFormat, ArchiveExportManifest } from '@bridgeline/shared';
import type { StoredRecord } from './verify.js';

/**
 * Exports of the archive (docs/archive.md, "Exports"): which records an export may cover, in which order a format
 * reads them, and the manifest that lets an archive reconcile what it received with what the chain holds.
 */

const DAY_MS = 86_400_000;

/** Why an export's time range is refused, in words, or null. `from` is inclusive, `to` exclusive. */
export function exportRangeProblem(from: Date, to: Date, maxDays: number): string | null {
  if (from.getTime() > to.getTime()) return '`from` is after `to`.';
  if (to.getTime() - from.getTime() > maxDays * DAY_MS)
    return `An export covers at most ${maxDays} days (ARCHIVE_EXPORT_MAX_DAYS); split the range or narrow it.`;
  return null;
}

/**
 * The order a format reads records in. JSON Lines is the chain itself, in seq order. EML (a message per thread and
 * day) and RSMF (a file per thread) group by thread: records come thread after thread, each thread in seq order, and
 * the records of no thread (admin changes, exports) last, in seq order. So a group is complete as soon as the next
 * record belongs to another, and no export holds more than one group and one batch.
 */
export type ExportOrder = 'seq' | 'thread';
export const exportOrder = (format: ArchiveExportFormat): ExportOrder =>
  format === 'jsonl' ? 'seq' : 'thread';

/**
 * A record as an export reads it: the stored record, with its type and thread read by the database and its payload's
 * JSON text as stored (JSON Lines writes that text as it is; `payload` is parsed only by the formats that need it).
 */
export interface ExportRecord extends StoredRecord {
  type: string;
  threadId: string | null;
  json: string;
}

/** Where reading goes on after the last record read: its thread (in thread order) and its seq. */
export interface ExportCursor {
  threadId: string | null;
  seq: number;
}
export const cursorAfter = (record: ExportRecord): ExportCursor => ({
  threadId: record.threadId,
  seq: record.seq,
});

/** Records of a message sent or received: what the manifest counts as `messages`. */
export const isMessageRecord = (type: string): boolean => type === 'message.in' || type === 'message.out';

/** The UTC day of an ISO time, `YYYY-MM-DD`: EML groups a thread's records by it. */
export const utcDay = (at: string): string => new Date(at).toISOString().slice(0, 10);

/** One file of an export, as the manifest lists it: its name in the zip, the SHA-256 of its bytes, its records. */
export interface ExportFile {
  name: string;
  sha256: string;
  records: number;
}

/**
 * Counts what an export wrote, record by record, whatever order they came in: the manifest's totals by type, its
 * message count and the chain positions (lowest and highest seq, the highest one's hash).
 */
export class ExportTally {
  total = 0;
  messages = 0;
  readonly byType = new Map<string, number>();
  firstSeq: number | null = null;
  lastSeq: number | null = null;
  headHash: string | null = null;

  add(records: readonly Pick<ExportRecord, 'seq' | 'hash' | 'type'>[]): void {
    for (const record of records) {
      this.total += 1;
      const type = record.type;
      this.byType.set(type, (this.byType.get(type) ?? 0) + 1);
      if (isMessageRecord(type)) this.messages += 1;
      if (this.firstSeq === null || record.seq < this.firstSeq) this.firstSeq = record.seq;
      if (this.lastSeq === null || record.seq > this.lastSeq) {
        this.lastSeq = record.seq;
        this.headHash = record.hash;
      }
    }
  }
}

export interface ExportScope {
  tenantId: string;
  format: ArchiveExportFormat;
  from: Date;
  to: Date;
  threadId: string | null;
  contactId: string | null;
  memberId: string | null;
  /** The tenant's last seq when the export began to read: nothing appended later is exported. */
  asOfSeq: number;
}

/** The manifest of an export, from its scope, its tally and the files its format wrote. */
export function exportManifest(input: {
  scope: ExportScope;
  tally: ExportTally;
  files: readonly ExportFile[];
  generatedAt: Date;
}): ArchiveExportManifest {
  const { scope, tally } = input;
  const sum = input.files.reduce((n, f) => n + f.records, 0);
  // A format writes every record it reads into exactly one file: anything else is a bug, never a manifest.
  if (sum !== tally.total)
    throw new Error(`the export's files hold ${sum} records but ${tally.total} were read`);
  return {
    tenantId: scope.tenantId,
    format: scope.format,
    from: scope.from.toISOString(),
    to: scope.to.toISOString(),
    filters: { threadId: scope.threadId, contactId: scope.contactId, memberId: scope.memberId },
    generatedAt: input.generatedAt.toISOString(),
    records: {
      total: tally.total,
      byType: Object.fromEntries([...tally.byType.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    },
    messages: tally.messages,
    files: input.files.map((f) => ({ ...f })),
    chain: {
      firstSeq: tally.firstSeq,
      lastSeq: tally.lastSeq,
      headHash: tally.headHash,
      asOfSeq: scope.asOfSeq,
    },
  };
}
