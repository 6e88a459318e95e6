import type { Checkpoint, ComplianceStore } from '../../ports/index.js';
import type { ComplianceContext } from './compliance-context.js';

/**
 * The hourly signed checkpoint: each tenant's head, signed, unless the last checkpoint already covers it (nothing
 * was appended since). With checkpoints every N records besides, cutting records off the end of the chain is caught
 * by verify as soon as a checkpoint names a record that is no longer there.
 */
export async function signCheckpoints(
  ctx: Pick<
    ComplianceContext<Pick<ComplianceStore, 'archiveRead' | 'archiveCheckpoints'>>,
    'uow' | 'clock' | 'signer'
  >,
): Promise<Checkpoint[]> {
  const tenants = await ctx.uow.read((store) => store.archiveRead.tenantsWithRecords());
  const signed: Checkpoint[] = [];
  for (const tenantId of tenants) {
    const checkpoint = await ctx.uow.run((store) =>
      store.archiveCheckpoints.signHead(tenantId, ctx.signer, ctx.clock.now()),
    );
    if (checkpoint) signed.push(checkpoint);
  }
  return signed;
}
