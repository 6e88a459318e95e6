import type { ArchiveSinkStatus } from '@bridgeline/shared';

/**
 * The archive's outward feeds (docs/archive.md, "Journal and CRM push"): the SMTP journal to the firm's existing
 * archive, and the CRM push. Each follows the tenant's chain in `seq` order with a cursor of its own.
 */
export type ArchiveSinkName = ArchiveSinkStatus['sink'];
export const ARCHIVE_SINKS: readonly ArchiveSinkName[] = ['journal', 'crm'];

/** Which record types a sink takes: these types exactly, and every type under these prefixes. */
export interface RecordKinds {
  types: readonly string[];
  prefixes: readonly string[];
}

/** The journal mails every message (in and out) and every consent event; the CRM push takes every record (null). */
export const SINK_KINDS: Record<ArchiveSinkName, RecordKinds | null> = {
  journal: { types: ['message.in', 'message.out'], prefixes: ['consent.'] },
  crm: null,
};

export function sinkTakes(sink: ArchiveSinkName, type: string): boolean {
  const kinds = SINK_KINDS[sink];
  return kinds === null || kinds.types.includes(type) || kinds.prefixes.some((p) => type.startsWith(p));
}

export const SINK_RETRY_FIRST_MS = 5_000;
export const SINK_RETRY_MAX_MS = 5 * 60_000;

/**
 * How long a sink waits before its next attempt after `failures` failed attempts in a row: 5 s, doubling, at most
 * 5 minutes. Retried for ever: a record is never given up on, since an archive that silently misses one is worse than
 * one that is late (the health panel shows the lag and the last error).
 */
export function sinkRetryDelayMs(failures: number): number {
  if (failures < 1) return 0;
  return Math.min(SINK_RETRY_MAX_MS, SINK_RETRY_FIRST_MS * 2 ** Math.min(failures - 1, 20));
}
