import type { ArchiveSinkStatus } from '@bridgeline/shared';
import { ARCHIVE_SINKS, SINK_KINDS, type ArchiveSinkName } from '../../domain/archive/index.js';
import type { ComplianceStore } from '../../ports/index.js';
import type { ComplianceContext } from './compliance-context.js';

/**
 * How each outward feed of the tenant's archive stands, for the health panel: whether this server has it configured,
 * whether the tenant has it on (the journal can be turned off per tenant; the CRM push cannot), what waits and for how
 * long, and the last failure. A sink that is off or not configured has nothing waiting: its records are not delivered.
 */
export async function archiveSinkStatuses(
  ctx: Pick<ComplianceContext<Pick<ComplianceStore, 'archiveSinks' | 'archiveSettings'>>, 'uow'>,
  tenantId: string,
  configured: Record<ArchiveSinkName, boolean>,
): Promise<ArchiveSinkStatus[]> {
  return ctx.uow.read(async (store) => {
    const settings = await store.archiveSettings.get(tenantId);
    const statuses: ArchiveSinkStatus[] = [];
    for (const sink of ARCHIVE_SINKS) {
      const cursor = await store.archiveSinks.get(tenantId, sink);
      const enabled = sink === 'journal' ? settings.journalEnabled : true;
      const waiting =
        configured[sink] && enabled
          ? await store.archiveSinks.pending(tenantId, cursor?.lastSeq ?? 0, SINK_KINDS[sink])
          : { count: 0, oldestWaitingSeconds: 0 };
      statuses.push({
        sink,
        configured: configured[sink],
        enabled,
        backlog: waiting.count,
        lastDeliveredSeq: cursor?.lastDeliveredSeq ?? 0,
        lastDeliveredAt: cursor?.lastDeliveredAt?.toISOString() ?? null,
        lagSeconds: waiting.count > 0 ? waiting.oldestWaitingSeconds : 0,
        failures: cursor?.failures ?? 0,
        lastError: cursor?.lastError ?? null,
      });
    }
    return statuses;
  });
}
