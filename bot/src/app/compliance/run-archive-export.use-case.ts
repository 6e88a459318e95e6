import type { ArchiveExportFormat, ArchiveExportManifest } from '@bridgeline/shared';
import {
  cursorAfter,
  exportManifest,
  exportOrder,
  exportRangeProblem,
  ExportTally,
  type ExportCursor,
  type ExportScope,
} from '../../domain/archive/index.js';
import type { ArchiveExportWriter, ComplianceStore, Store } from '../../ports/index.js';
import { ARCHIVE_BATCH, type ComplianceContext } from './compliance-context.js';

/**
 * Writing an export: the tenant's head read first (nothing appended later is exported, so the counts reconcile with
 * the database as it stood), the selection counted, then read in batches of ARCHIVE_BATCH in the format's order and
 * streamed into the zip, which is put in place only once whole. Memory stays one batch and one group (a thread-day,
 * a thread) whatever the size of the archive.
 */
export type RunExportStore = Pick<Store, 'archive'> & Pick<ComplianceStore, 'archiveExports' | 'archiveRead'>;
type RunContext = Pick<ComplianceContext<RunExportStore>, 'uow' | 'clock' | 'exportFiles'>;

export interface ExportRequest {
  tenantId: string;
  format: ArchiveExportFormat;
  from: Date;
  to: Date;
  threadId?: string | null;
  contactId?: string | null;
  memberId?: string | null;
}

export interface ExportResult {
  manifest: ArchiveExportManifest;
  zipSha256: string;
  zipBytes: number;
}

/** Streams the selection into `begin`'s writer; the writer is aborted (its file removed) if anything fails. */
export async function writeArchiveExport(
  ctx: Pick<RunContext, 'uow' | 'clock'>,
  request: ExportRequest,
  begin: (scope: ExportScope) => Promise<ArchiveExportWriter>,
  onProgress: (records: number, total: number) => Promise<void> = async () => {},
): Promise<ExportResult> {
  const head = await ctx.uow.read((store) => store.archiveRead.head(request.tenantId));
  const scope: ExportScope = {
    tenantId: request.tenantId,
    format: request.format,
    from: request.from,
    to: request.to,
    threadId: request.threadId ?? null,
    contactId: request.contactId ?? null,
    memberId: request.memberId ?? null,
    asOfSeq: head.records,
  };
  const { format: _format, ...filter } = scope;
  const total = await ctx.uow.read((store) => store.archiveExports.count(filter));
  await onProgress(0, total);
  const writer = await begin(scope);
  try {
    const tally = new ExportTally();
    const order = exportOrder(request.format);
    const read = (after: ExportCursor | null) => {
      const batch = ctx.uow.read((store) =>
        store.archiveExports.records(filter, order, after, ARCHIVE_BATCH),
      );
      batch.catch(() => undefined); // awaited below, unless writing failed first
      return batch;
    };
    // The next batch is read while this one is written (two batches at most in memory): the database and the
    // compression work side by side instead of in turn.
    let next = read(null);
    for (;;) {
      const batch = await next;
      if (batch.length === 0) break;
      next = batch.length < ARCHIVE_BATCH ? Promise.resolve([]) : read(cursorAfter(batch[batch.length - 1]!));
      await writer.write(batch);
      tally.add(batch);
      await onProgress(tally.total, total);
    }
    const generatedAt = ctx.clock.now();
    return await writer.finish((files) => exportManifest({ scope, tally, files, generatedAt }));
  } catch (error) {
    await writer.abort().catch(() => undefined);
    throw error;
  }
}

const errorText = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 2000) || 'unknown error';

/**
 * The `archive-export` job: writes the export's zip and records how it ended, `export.completed` (its counts and the
 * zip's SHA-256) or `export.failed` (why). A failure is final and said in words; the job is not retried for it (a
 * crash mid-export is: the job comes back and the export starts over, its unfinished file overwritten).
 */
export async function runArchiveExport(
  ctx: RunContext,
  job: { tenantId: string; exportId: string },
): Promise<'done' | 'failed' | 'skipped'> {
  const row = await ctx.uow.read((store) => store.archiveExports.byId(job.tenantId, job.exportId));
  if (!row || row.status !== 'running') return 'skipped';
  const finished = (details: Record<string, unknown>) => ({
    tenantId: row.tenantId,
    at: ctx.clock.now(),
    actorMemberId: row.requestedBy,
    details: { exportId: row.id, format: row.format, ...details },
  });
  try {
    const result = await writeArchiveExport(
      ctx,
      row,
      (scope) => ctx.exportFiles.begin({ tenantId: row.tenantId, exportId: row.id }, scope),
      (records, total) => ctx.uow.run((store) => store.archiveExports.progress(row.id, { records, total })),
    );
    const { manifest } = result;
    const counts = {
      records: manifest.records.total,
      total: manifest.records.total,
      messages: manifest.messages,
      files: manifest.files.length,
    };
    await ctx.uow.run(async (store) => {
      const at = ctx.clock.now();
      if (!(await store.archiveExports.finish(row.id, { counts, ...result, at }))) return;
      store.archive.append({
        type: 'export.completed',
        event: 'export.completed',
        ...finished({
          records: manifest.records,
          messages: manifest.messages,
          files: manifest.files.length,
          chain: manifest.chain,
          zipSha256: result.zipSha256,
          zipBytes: result.zipBytes,
        }),
      });
    });
    return 'done';
  } catch (error) {
    const message = errorText(error);
    await ctx.uow.run(async (store) => {
      if (!(await store.archiveExports.fail(row.id, message, ctx.clock.now()))) return;
      store.archive.append({
        type: 'export.failed',
        event: 'export.failed',
        ...finished({ error: message }),
      });
    });
    return 'failed';
  }
}

/**
 * The same export from the shell (`npm run archive -- export … --out <file.zip>`): written straight to `outPath`,
 * archived as requested and completed (or failed) with no member as its actor. The range is not capped at
 * ARCHIVE_EXPORT_MAX_DAYS here: the operator runs it outside the web server, and memory stays bounded anyway.
 */
export async function exportArchiveToFile(
  ctx: RunContext,
  request: ExportRequest,
  outPath: string,
  options: { onProgress?: (records: number, total: number) => void } = {},
): Promise<ExportResult> {
  const problem = exportRangeProblem(request.from, request.to, Number.POSITIVE_INFINITY);
  if (problem) throw new Error(problem);
  const entry = (type: string, details: Record<string, unknown>) => ({
    type,
    event: type,
    tenantId: request.tenantId,
    at: ctx.clock.now(),
    actorMemberId: null,
    details: { via: 'command line', format: request.format, ...details },
  });
  const filters = {
    from: request.from.toISOString(),
    to: request.to.toISOString(),
    threadId: request.threadId ?? null,
    contactId: request.contactId ?? null,
    memberId: request.memberId ?? null,
  };
  await ctx.uow.run(async (store) => store.archive.append(entry('export.requested', filters)));
  try {
    const result = await writeArchiveExport(
      ctx,
      request,
      (scope) => ctx.exportFiles.begin({ path: outPath }, scope),
      async (records, total) => options.onProgress?.(records, total),
    );
    const { manifest } = result;
    await ctx.uow.run(async (store) =>
      store.archive.append(
        entry('export.completed', {
          records: manifest.records,
          messages: manifest.messages,
          files: manifest.files.length,
          chain: manifest.chain,
          zipSha256: result.zipSha256,
          zipBytes: result.zipBytes,
        }),
      ),
    );
    return result;
  } catch (error) {
    const message = errorText(error);
    await ctx.uow.run(async (store) => store.archive.append(entry('export.failed', { error: message })));
    throw error;
  }
}
