import { decideRetention, retentionCutoff } from '../../domain/archive/index.js';
import type { ComplianceStore, MediaStore, PurgeResult, RetentionCursor, Store } from '../../ports/index.js';
import type { AppContext } from '../context.js';

/**
 * The daily retention run (job `archive-retention`; docs/archive.md, "Retention and legal hold"). For each tenant,
 * the content of every message past the tenant's retention that no legal hold covers is removed: the message keeps
 * its metadata, its media's bytes are deleted (the row keeps type, size and SHA-256), and the archive records of it
 * lose their `content`. Each transaction removes a batch and appends, in the same transaction, the `retention.purged`
 * record that names the archive seq ranges it emptied, the policy and the cutoff: so the chain verifies at every
 * moment, even after a crash mid-run, and a missing content the verifier meets outside those ranges is tampering.
 * A normal day's run is one transaction and one tombstone per tenant; a backlog (a shortened retention) is worked
 * through `batch` messages at a time. Running again removes nothing again and writes nothing.
 */
export type RetentionStore = Pick<ComplianceStore, 'archiveSettings' | 'legalHolds' | 'retention'> &
  Pick<Store, 'archive'>;

export interface RetentionOptions {
  /** Messages purged per transaction (and per tombstone), at most about this many. */
  batch?: number;
  /** Candidates read per page. */
  page?: number;
  /** Candidates one transaction looks at before committing, even if few were due (many held ones). */
  scanPerTransaction?: number;
}

export interface TenantPurge {
  tenantId: string;
  retentionDays: number;
  /** The cutoff: content of messages before it was due. */
  before: string;
  messages: number;
  media: number;
  records: number;
  /** `retention.purged` records written. */
  tombstones: number;
  /** Media files deleted from the media store (bytes another image still used stay). */
  filesDeleted: number;
}

const DEFAULTS = { batch: 1000, page: 500, scanPerTransaction: 10_000 };
const MEDIA_PAGE = 200;

export async function purgeExpiredContent(
  ctx: Pick<AppContext<RetentionStore>, 'uow' | 'clock'>,
  media: Pick<MediaStore, 'delete'>,
  options: RetentionOptions = {},
): Promise<TenantPurge[]> {
  const tenants = await ctx.uow.read((store) => store.retention.tenants());
  const runs: TenantPurge[] = [];
  for (const tenantId of tenants) runs.push(await purgeTenant(ctx, media, tenantId, options));
  return runs;
}

export async function purgeTenant(
  ctx: Pick<AppContext<RetentionStore>, 'uow' | 'clock'>,
  media: Pick<MediaStore, 'delete'>,
  tenantId: string,
  options: RetentionOptions = {},
): Promise<TenantPurge> {
  const { batch, page, scanPerTransaction } = { ...DEFAULTS, ...options };
  const now = ctx.clock.now();
  const { retentionDays } = await ctx.uow.run((store) => store.archiveSettings.get(tenantId));
  const policy = { retentionDays };
  const before = retentionCutoff(now, retentionDays);
  const run: TenantPurge = {
    tenantId,
    retentionDays,
    before: before.toISOString(),
    messages: 0,
    media: 0,
    records: 0,
    tombstones: 0,
    filesDeleted: 0,
  };
  let cursor: RetentionCursor | null = null;
  for (let exhausted = false; !exhausted;) {
    const step: { cursor: RetentionCursor | null; exhausted: boolean; purged: PurgeResult | null } =
      await ctx.uow.run(async (store) => {
        // Holds are read under the tenant's hold lock: a hold created meanwhile waits for this commit.
        await store.legalHolds.lock(tenantId);
        const holds = await store.legalHolds.active(tenantId);
        const due: string[] = [];
        let next = cursor;
        let scanned = 0;
        let last = false;
        while (due.length < batch && scanned < scanPerTransaction) {
          const candidates = await store.retention.candidates(tenantId, before, next, page);
          for (const c of candidates)
            if (decideRetention(c, policy, holds, now).action === 'purge') due.push(c.id);
          scanned += candidates.length;
          next = candidates[candidates.length - 1]?.cursor ?? next;
          if (candidates.length < page) {
            last = true;
            break;
          }
        }
        const purged = await store.retention.purge(tenantId, due, now);
        const removed = purged.messages + purged.media + purged.records > 0;
        if (removed)
          store.archive.append({
            tenantId,
            type: 'retention.purged',
            event: 'retention.purged',
            at: ctx.clock.now(),
            details: {
              policy,
              before: before.toISOString(),
              purged: purged.ranges,
              messages: purged.messages,
              media: purged.media,
              records: purged.records,
            },
          });
        return { cursor: next, exhausted: last, purged: removed ? purged : null };
      });
    cursor = step.cursor;
    exhausted = step.exhausted;
    if (step.purged) {
      run.messages += step.purged.messages;
      run.media += step.purged.media;
      run.records += step.purged.records;
      run.tombstones += 1;
    }
  }
  run.filesDeleted = await deleteMediaBytes(ctx, media, tenantId);
  return run;
}

/**
 * Deletes the bytes of purged media from the media store, once committed (a purge that rolled back deletes
 * nothing). Bytes are stored by SHA-256, so bytes another media row of the tenant still uses stay. Media purged by a
 * run that stopped before this step are picked up by the next run.
 */
async function deleteMediaBytes(
  ctx: Pick<AppContext<RetentionStore>, 'uow' | 'clock'>,
  media: Pick<MediaStore, 'delete'>,
  tenantId: string,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    const due = await ctx.uow.read((store) => store.retention.mediaBytesDue(tenantId, MEDIA_PAGE));
    for (const m of due) {
      if (m.shared || !m.storageKey) continue;
      await media.delete(m.storageKey);
      deleted += 1;
    }
    const ids = due.map((m) => m.id);
    await ctx.uow.run((store) => store.retention.mediaBytesDeleted(tenantId, ids, ctx.clock.now()));
    if (due.length < MEDIA_PAGE) return deleted;
  }
}
