import type { ArchiveExportFiles, ComplianceStore, Store } from '../../ports/index.js';
import type { ComplianceContext } from './compliance-context.js';

/**
 * How an export ends when its job cannot say so itself, and how its zip goes away (docs/archive.md, "Exports"):
 * - the `archive-export` job gave up (every attempt threw, or timed out: the worker died, the database was away when
 *   the failure was to be recorded): the export is marked `failed` with why, and archived as `export.failed`;
 * - a finished export's zip is kept ARCHIVE_EXPORT_KEEP_DAYS days, then removed by the expiry job, archived as
 *   `export.expired`. The row keeps its counts and the zip's SHA-256.
 */
type LifecycleStore = Pick<Store, 'archive'> & Pick<ComplianceStore, 'archiveExports'>;
type LifecycleContext = Pick<ComplianceContext<LifecycleStore>, 'uow' | 'clock'> & {
  exportFiles: Pick<ArchiveExportFiles, 'remove'>;
};

const DAY_MS = 86_400_000;
/** Exports expired per transaction batch: a backlog is worked through in several. */
const EXPIRE_BATCH = 100;

/** The words of a job's last error as pg-boss kept them (an Error serialised, or `{ value }`), or null. */
export function jobErrorText(output: unknown): string | null {
  if (output === null || output === undefined) return null;
  if (typeof output === 'string') return output;
  if (typeof output === 'object') {
    const o = output as { message?: unknown; value?: unknown };
    if (typeof o.message === 'string' && o.message) return o.message;
    if (o.value !== undefined) return jobErrorText(o.value);
  }
  return null;
}

/** The `archive-export` job gave up: a running export becomes `failed`, with the job's last error as its reason. */
export async function giveUpArchiveExport(
  ctx: LifecycleContext,
  job: { tenantId: string; exportId: string },
  lastError: string | null,
): Promise<boolean> {
  const error =
    `The export job gave up after its last retry: ${lastError ?? 'the worker stopped or timed out'}`.slice(
      0,
      2000,
    );
  return ctx.uow.run(async (store) => {
    const row = await store.archiveExports.byId(job.tenantId, job.exportId);
    if (!row || !(await store.archiveExports.fail(row.id, error, ctx.clock.now()))) return false;
    store.archive.append({
      type: 'export.failed',
      event: 'export.failed',
      tenantId: row.tenantId,
      at: ctx.clock.now(),
      actorMemberId: row.requestedBy,
      details: { exportId: row.id, format: row.format, error },
    });
    return true;
  });
}

/** Removes the zips of exports finished more than `keepDays` days ago; answers how many expired. */
export async function expireArchiveExports(ctx: LifecycleContext, keepDays: number): Promise<number> {
  let expired = 0;
  for (;;) {
    const before = new Date(ctx.clock.now().getTime() - keepDays * DAY_MS);
    const due = await ctx.uow.read((store) => store.archiveExports.expiring(before, EXPIRE_BATCH));
    for (const row of due) {
      // The file first: should the mark fail, the next run finds it gone and marks it (removing is idempotent).
      await ctx.exportFiles.remove(row.tenantId, row.id);
      const marked = await ctx.uow.run(async (store) => {
        const at = ctx.clock.now();
        if (!(await store.archiveExports.expire(row.id, at))) return false;
        store.archive.append({
          type: 'export.expired',
          event: 'export.expired',
          tenantId: row.tenantId,
          at,
          actorMemberId: null,
          details: {
            exportId: row.id,
            format: row.format,
            finishedAt: row.finishedAt?.toISOString() ?? null,
            keepDays,
            zipSha256: row.zipSha256,
            zipBytes: row.zipBytes,
          },
        });
        return true;
      });
      if (marked) expired += 1;
    }
    if (due.length < EXPIRE_BATCH) return expired;
  }
}
