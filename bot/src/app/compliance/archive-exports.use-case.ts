import type { ArchiveExport, CreateArchiveExportBody } from '@bridgeline/shared';
import { exportRangeProblem } from '../../domain/archive/index.js';
import type { ArchiveExportRecord, ComplianceStore, Store } from '../../ports/index.js';
import type { Caller } from '../context.js';
import { fail, notFound, ok, type Outcome } from '../outcome.js';
import type { ComplianceContext } from './compliance-context.js';

/**
 * The admin's side of archive exports (docs/archive.md, "Exports"): start one (a job writes it), follow it, list them,
 * download the zip once it is whole. Starting and downloading are themselves archived (`export.requested`,
 * `export.downloaded`), as the job archives how each ended (`export.completed`, `export.failed`).
 */
export type ExportsStore = Pick<Store, 'archive' | 'jobs' | 'threads' | 'contacts' | 'members'> &
  Pick<ComplianceStore, 'archiveExports'>;

/** The most recent exports a list shows. */
export const EXPORTS_LISTED = 100;

const DAY_MS = 86_400_000;

export const archiveExportView = (e: ArchiveExportRecord, keepDays: number): ArchiveExport => ({
  id: e.id,
  status: e.status,
  format: e.format,
  from: e.from.toISOString(),
  to: e.to.toISOString(),
  threadId: e.threadId,
  contactId: e.contactId,
  memberId: e.memberId,
  counts: { ...e.counts },
  error: e.error,
  createdAt: e.createdAt.toISOString(),
  finishedAt: e.finishedAt?.toISOString() ?? null,
  expiresAt:
    e.status === 'done' && e.finishedAt
      ? new Date(e.finishedAt.getTime() + keepDays * DAY_MS).toISOString()
      : null,
  expiredAt: e.expiredAt?.toISOString() ?? null,
});

/** Starts an export: checks the range and that each filter names something of the caller's tenant, queues the job. */
export async function requestArchiveExport(
  ctx: Pick<ComplianceContext<ExportsStore>, 'uow' | 'clock' | 'exportMaxDays' | 'exportKeepDays'>,
  caller: Caller,
  body: CreateArchiveExportBody,
): Promise<Outcome<ArchiveExport>> {
  const from = new Date(body.from);
  const to = new Date(body.to);
  const problem = exportRangeProblem(from, to, ctx.exportMaxDays);
  if (problem) return fail('validation_failed', problem);
  const tenantId = caller.tenantId;
  return ctx.uow.run(async (store) => {
    if (body.threadId && !(await store.threads.byId(tenantId, body.threadId))) return notFound();
    if (body.contactId && !(await store.contacts.byId(tenantId, body.contactId))) return notFound();
    if (body.memberId && !(await store.members.byId(tenantId, body.memberId))) return notFound();
    const now = ctx.clock.now();
    const created = await store.archiveExports.create({
      tenantId,
      format: body.format,
      from,
      to,
      threadId: body.threadId ?? null,
      contactId: body.contactId ?? null,
      memberId: body.memberId ?? null,
      requestedBy: caller.id,
      createdAt: now,
    });
    store.archive.append({
      type: 'export.requested',
      event: 'export.requested',
      tenantId,
      at: now,
      actorMemberId: caller.id,
      details: {
        exportId: created.id,
        format: created.format,
        from: body.from,
        to: body.to,
        threadId: created.threadId,
        contactId: created.contactId,
        memberId: created.memberId,
      },
    });
    await store.jobs.send({
      name: 'archive-export',
      data: { tenantId, exportId: created.id },
      singletonKey: created.id,
    });
    return ok(archiveExportView(created, ctx.exportKeepDays));
  });
}

export async function listArchiveExports(
  ctx: Pick<ComplianceContext<Pick<ComplianceStore, 'archiveExports'>>, 'uow' | 'exportKeepDays'>,
  caller: Caller,
): Promise<ArchiveExport[]> {
  const rows = await ctx.uow.read((store) => store.archiveExports.list(caller.tenantId, EXPORTS_LISTED));
  return rows.map((row) => archiveExportView(row, ctx.exportKeepDays));
}

export async function getArchiveExport(
  ctx: Pick<ComplianceContext<Pick<ComplianceStore, 'archiveExports'>>, 'uow' | 'exportKeepDays'>,
  caller: Caller,
  id: string,
): Promise<Outcome<ArchiveExport>> {
  const row = await ctx.uow.read((store) => store.archiveExports.byId(caller.tenantId, id));
  return row ? ok(archiveExportView(row, ctx.exportKeepDays)) : notFound();
}

export interface ExportDownload {
  fileName: string;
  bytes: number;
  content: AsyncIterable<Uint8Array>;
}

/**
 * A finished export's zip, archived as downloaded by the caller. An export still running, or failed, has nothing to
 * download (a 409 that says so): a zip is offered only once the job has written it whole and recorded its SHA-256.
 */
export async function downloadArchiveExport(
  ctx: Pick<
    ComplianceContext<Pick<Store, 'archive'> & Pick<ComplianceStore, 'archiveExports'>>,
    'uow' | 'clock' | 'exportFiles' | 'exportKeepDays'
  >,
  caller: Caller,
  id: string,
): Promise<Outcome<ExportDownload>> {
  const row = await ctx.uow.read((store) => store.archiveExports.byId(caller.tenantId, id));
  if (!row) return notFound();
  if (row.status === 'running') {
    const of = row.counts.total === null ? '' : ` of ${row.counts.total}`;
    return fail(
      'export_not_ready',
      `The export is still running (${row.counts.records}${of} records written); download it once it is done.`,
    );
  }
  if (row.status === 'failed')
    return fail('export_failed', `The export failed: ${row.error ?? 'no reason kept'}.`);
  if (row.expiredAt)
    return fail(
      'export_expired',
      `This export's zip was removed on ${row.expiredAt.toISOString()}, ${ctx.exportKeepDays} days after it was written; start a new export.`,
    );
  const file = await ctx.exportFiles.open(caller.tenantId, row.id);
  if (!file) return fail('not_found', "This export's zip is no longer on this server; start a new export.");
  await ctx.uow.run(async (store) =>
    store.archive.append({
      type: 'export.downloaded',
      event: 'export.downloaded',
      tenantId: caller.tenantId,
      at: ctx.clock.now(),
      actorMemberId: caller.id,
      details: { exportId: row.id, format: row.format, zipSha256: row.zipSha256, zipBytes: row.zipBytes },
    }),
  );
  const day = row.createdAt.toISOString().slice(0, 10);
  return ok({
    fileName: `archive-${row.format}-${day}-${row.id}.zip`,
    bytes: file.bytes,
    content: file.content,
  });
}
