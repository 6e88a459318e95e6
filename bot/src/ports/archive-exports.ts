import type { ArchiveExportFormat, ArchiveExportManifest } from '@bridgeline/shared';
import type {
  ExportCursor,
  ExportFile,
  ExportOrder,
  ExportRecord,
  ExportScope,
} from '../domain/archive/index.js';

/**
 * Exports of the compliance archive (docs/archive.md, "Exports"): the export jobs an admin starts and downloads
 * (`archive_exports`), the filtered reading of the chain they do, and where their zips are written.
 */
export type ArchiveExportStatus = 'running' | 'done' | 'failed';

export interface ArchiveExportCounts {
  /** Records written so far (all of them once done). */
  records: number;
  /** Records the export covers, once counted. */
  total: number | null;
  messages: number;
  files: number;
}

export interface ArchiveExportRecord {
  id: string;
  tenantId: string;
  status: ArchiveExportStatus;
  format: ArchiveExportFormat;
  from: Date;
  to: Date;
  threadId: string | null;
  contactId: string | null;
  memberId: string | null;
  requestedBy: string | null;
  counts: ArchiveExportCounts;
  zipSha256: string | null;
  zipBytes: number | null;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  /** When the expiry job removed its zip (a done export only); null while it can be downloaded. */
  expiredAt: Date | null;
}

export type NewArchiveExport = Pick<
  ArchiveExportRecord,
  'tenantId' | 'format' | 'from' | 'to' | 'threadId' | 'contactId' | 'memberId' | 'requestedBy' | 'createdAt'
>;

/** Which records an export reads: the tenant's, `from` ≤ at < `to`, seq ≤ `asOfSeq`, and the filters given. */
export type ArchiveExportFilter = Omit<ExportScope, 'format'>;

export interface ArchiveExportsPort {
  create(input: NewArchiveExport): Promise<ArchiveExportRecord>;
  byId(tenantId: string, id: string): Promise<ArchiveExportRecord | null>;
  /** Newest first. */
  list(tenantId: string, limit: number): Promise<ArchiveExportRecord[]>;
  /** While running: records written so far and, once counted, in all. */
  progress(id: string, counts: Pick<ArchiveExportCounts, 'records' | 'total'>): Promise<void>;
  /** Guarded: only a running export becomes done or failed (answers whether it did). */
  finish(
    id: string,
    outcome: { counts: ArchiveExportCounts; zipSha256: string; zipBytes: number; at: Date },
  ): Promise<boolean>;
  fail(id: string, error: string, at: Date): Promise<boolean>;
  /** Done exports, of every tenant, that finished before `finishedBefore` and whose zip was not removed yet. */
  expiring(finishedBefore: Date, limit: number): Promise<ArchiveExportRecord[]>;
  /** Guarded: only a done export not yet expired (answers whether it was). */
  expire(id: string, at: Date): Promise<boolean>;
  /** How many records the filter selects. */
  count(filter: ArchiveExportFilter): Promise<number>;
  /** The records the filter selects after `after` (null: from the start), in `order`, at most `limit`. */
  records(
    filter: ArchiveExportFilter,
    order: ExportOrder,
    after: ExportCursor | null,
    limit: number,
  ): Promise<ExportRecord[]>;
}

/** One zip being written: records go in, in the order of the format, batch after batch. */
export interface ArchiveExportWriter {
  write(records: readonly ExportRecord[]): Promise<void>;
  /**
   * Closes the last group, writes `manifest.json` (made from the files written) and the zip's end, and only then puts
   * the zip where it is read from: nothing is visible under its name before it is whole.
   */
  finish(
    manifest: (files: readonly ExportFile[]) => ArchiveExportManifest,
  ): Promise<{ manifest: ArchiveExportManifest; zipSha256: string; zipBytes: number }>;
  /** Removes whatever was written (a failed export leaves no file behind). */
  abort(): Promise<void>;
}

/** Where export zips are written and read back; the formats themselves are the adapter's. */
export interface ArchiveExportFiles {
  /** A zip for an export job (kept for download), or one the operator names (the command line). */
  begin(
    target: { tenantId: string; exportId: string } | { path: string },
    scope: ExportScope,
  ): Promise<ArchiveExportWriter>;
  /** A finished export's zip, as a stream of bytes; null when its file is gone. */
  open(
    tenantId: string,
    exportId: string,
  ): Promise<{ bytes: number; content: AsyncIterable<Uint8Array> } | null>;
  /** Removes a finished export's zip (nothing when it is gone already). */
  remove(tenantId: string, exportId: string): Promise<void>;
}
