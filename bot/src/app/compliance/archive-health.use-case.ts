import type { ArchiveHealth, ArchivePublicKey, ArchiveVerifyResult } from '@bridgeline/shared';
import { ArchiveVerifyResult as VerifySchema } from '@bridgeline/shared';
import type { ComplianceStore } from '../../ports/index.js';
import type { Caller } from '../context.js';
import type { ComplianceContext } from './compliance-context.js';

/** The Compliance screen's health panel: the chain's head, its last checkpoint and verification, the feeds' lag. */
export async function archiveHealth(
  ctx: Pick<ComplianceContext<Pick<ComplianceStore, 'archiveRead' | 'archiveSettings'>>, 'uow' | 'sinks'>,
  caller: Caller,
): Promise<ArchiveHealth> {
  const { head, settings } = await ctx.uow.read(async (store) => ({
    head: await store.archiveRead.head(caller.tenantId),
    settings: await store.archiveSettings.get(caller.tenantId),
  }));
  const lastVerify = VerifySchema.safeParse(settings.lastVerify);
  return {
    records: head.records,
    head: head.head,
    checkpoint: head.checkpoint ? { seq: head.checkpoint.seq, at: head.checkpoint.at.toISOString() } : null,
    lastVerify: lastVerify.success ? (lastVerify.data satisfies ArchiveVerifyResult) : null,
    retentionDays: settings.retentionDays,
    sinks: await ctx.sinks(caller.tenantId),
  };
}

export const archivePublicKey = (ctx: Pick<ComplianceContext, 'signer'>): ArchivePublicKey => ({
  keyId: ctx.signer.keyId,
  algorithm: 'Ed25519',
  publicKeyPem: ctx.signer.publicKeyPem,
});
