import type { ArchiveVerifyResult } from '@bridgeline/shared';
import { ChainVerifier, checkpointText, purgedSeqsOf } from '../../domain/archive/index.js';
import type { ComplianceStore } from '../../ports/index.js';
import { ARCHIVE_BATCH, type ComplianceContext } from './compliance-context.js';
import { sha256Text } from './sha256-text.js';

export type VerifyStore = Pick<ComplianceStore, 'archiveRead' | 'archiveSettings'>;

/**
 * Verifies one tenant's archive: every record against its hash and its predecessor, in seq order and in batches, then
 * the signed checkpoints (signature, and that the records they cover are all there). The outcome is kept, so the
 * Compliance screen can say when the archive was last found intact.
 */
export async function verifyArchive(
  ctx: Pick<ComplianceContext<VerifyStore>, 'uow' | 'clock' | 'signer'>,
  tenantId: string,
  options: {
    onProgress?: (records: number) => void;
    /** Have the database compare every record's payload with its sealed text, even where it derives one from the other. */
    thorough?: boolean;
  } = {},
): Promise<ArchiveVerifyResult> {
  const { checkpoints, purged } = await ctx.uow.read(async (store) => ({
    checkpoints: await store.archiveRead.checkpoints(tenantId),
    purged: await store.archiveRead.purgedRanges(tenantId),
  }));
  const verifier = new ChainVerifier(tenantId, sha256Text, new Set(checkpoints.map((c) => c.seq)));
  const isPurged = purgedSeqsOf(purged);
  // The next batch is read while this one is checked: the database and the hashing overlap.
  const read = (after: number) =>
    ctx.uow.read((store) =>
      store.archiveRead.forVerify(tenantId, after, ARCHIVE_BATCH, { thorough: options.thorough }),
    );
  let next = read(0);
  for (;;) {
    const batch = await next;
    if (batch.length === 0) break;
    const last = batch[batch.length - 1]!.seq;
    if (batch.length === ARCHIVE_BATCH) next = read(last);
    const goOn = verifier.feed(batch, isPurged);
    options.onProgress?.(last);
    if (!goOn || batch.length < ARCHIVE_BATCH) break;
  }
  // A read left running when the chain broke early is let finish, so its connection goes back to the pool.
  await next.catch(() => undefined);
  const outcome = verifier.finish(checkpoints, (c) => ctx.signer.verify(checkpointText(c), c.signature));
  const last = [...checkpoints].sort((a, b) => b.seq - a.seq)[0];
  const result: ArchiveVerifyResult = {
    ...outcome,
    checkpoint: last ? { seq: last.seq, at: last.at } : null,
    verifiedAt: ctx.clock.now().toISOString(),
  };
  await ctx.uow.run((store) => store.archiveSettings.recordVerify(tenantId, ctx.clock.now(), { ...result }));
  return result;
}
