import {
  sinkRetryDelayMs,
  sinkTakes,
  type ArchiveSinkName,
  type StoredRecord,
} from '../../domain/archive/index.js';
import type { ArchiveDelivery, ComplianceStore } from '../../ports/index.js';
import type { ComplianceContext } from './compliance-context.js';

export type DrainStore = Pick<ComplianceStore, 'archiveRead' | 'archiveSettings' | 'archiveSinks'>;

/** Records are read this many at a time; each is delivered and its cursor moved before the next. */
export const SINK_BATCH = 100;

export interface DrainResult {
  tenantId: string;
  sink: ArchiveSinkName;
  /**
   * `drained`: nothing left after the cursor. `failing`: a record was not accepted; the sink waits (backoff) before
   * trying it again. `busy`: another drain holds the sink. `waiting`: the backoff has not run out. `stopped`: the
   * process is shutting down.
   */
  outcome: 'drained' | 'failing' | 'busy' | 'waiting' | 'stopped';
  delivered: number;
  /** Records the cursor moved past without delivering: not of the sink's kinds, or the journal is off for the tenant. */
  passed: number;
  cursor: number;
  /** What changed in how the sink stands (said once in the log, not at every retry). */
  change:
    | { to: 'failing'; seq: number; error: string }
    | { to: 'recovered'; failures: number; failingSince: Date | null }
    | null;
  /** The failure of this drain, when it failed. */
  failure: { seq: number; error: string; failures: number; nextAttemptAt: Date } | null;
}

const describe = (error: unknown): string => {
  const text = error instanceof Error ? error.message : String(error);
  return (text.trim() || 'delivery failed').replace(/\s+/g, ' ').slice(0, 500);
};

/**
 * Delivers one tenant's archive records to one sink, from its cursor on, in `seq` order: each record the sink takes is
 * handed to `delivery` and the cursor moved once it was accepted (its own transaction), so a crash resends at most the
 * record in flight (the far end de-duplicates it by its Message-ID or idempotency key). At the first failure it stops
 * there and sets the next attempt (5 s doubling to 5 min); nothing after a failed record overtakes it. The journal
 * mails nothing while the tenant has it off: its records are passed over, never journaled later.
 */
export async function drainArchiveSink(
  ctx: Pick<ComplianceContext<DrainStore>, 'uow' | 'clock'>,
  delivery: ArchiveDelivery,
  tenantId: string,
  options: { owner: string; batch?: number; stopped?: () => boolean },
): Promise<DrainResult> {
  const { sink } = delivery;
  const { owner } = options;
  const batch = options.batch ?? SINK_BATCH;
  const start = await ctx.uow.run((store) => store.archiveSinks.claim(tenantId, sink, owner));
  const result: DrainResult = {
    tenantId,
    sink,
    outcome: 'busy',
    delivered: 0,
    passed: 0,
    cursor: start?.lastSeq ?? 0,
    change: null,
    failure: null,
  };
  if (!start) return result;
  const move = async (toSeq: number, deliveredAt: Date | null, clearFailure: boolean) => {
    const moved = await ctx.uow.run((store) =>
      store.archiveSinks.advance(tenantId, sink, owner, { toSeq, deliveredAt, clearFailure }),
    );
    if (moved) result.cursor = toSeq;
    return moved;
  };
  try {
    if (start.nextAttemptAt && start.nextAttemptAt > ctx.clock.now())
      return { ...result, outcome: 'waiting' };
    for (;;) {
      const { on, records } = await ctx.uow.read(async (store) => ({
        on: sink !== 'journal' || (await store.archiveSettings.get(tenantId)).journalEnabled,
        records: await store.archiveRead.records(tenantId, result.cursor, batch),
      }));
      if (records.length === 0) break;
      let passedTo = result.cursor;
      for (const record of records) {
        if (!on || !sinkTakes(sink, record.payload.type)) {
          passedTo = record.seq;
          result.passed += 1;
          continue;
        }
        if (options.stopped?.()) {
          if (passedTo > result.cursor) await move(passedTo, null, false);
          return { ...result, outcome: 'stopped' };
        }
        const error = await attempt(delivery, record);
        if (error !== null) {
          if (passedTo > result.cursor) await move(passedTo, null, false);
          // A delivery of this drain cleared the earlier failures: this one is the first of a new run.
          const before = result.delivered > 0 ? 0 : start.failures;
          // Awaited here, not returned as a promise: `finally` would release the lease before the failure is
          // written, the write (lease_owner = owner) would then change nothing and the next drain retry at once.
          return await fail(ctx, { ...result, outcome: 'failing' }, before, record.seq, error, owner);
        }
        // Lost the lease (it ran out and another drain took over): stop, the other drain goes on from the cursor.
        if (!(await move(record.seq, ctx.clock.now(), true))) return result;
        result.delivered += 1;
      }
      if (passedTo > result.cursor && !(await move(passedTo, null, !on))) return result;
      if (records.length < batch) break;
    }
    if (start.failures > 0 && result.delivered > 0)
      result.change = { to: 'recovered', failures: start.failures, failingSince: start.failingSince };
    return { ...result, outcome: 'drained' };
  } finally {
    await ctx.uow.run((store) => store.archiveSinks.release(tenantId, sink, owner)).catch(() => undefined);
  }
}

async function attempt(delivery: ArchiveDelivery, record: StoredRecord): Promise<string | null> {
  try {
    await delivery.deliver(record);
    return null;
  } catch (error) {
    return describe(error);
  }
}

async function fail(
  ctx: Pick<ComplianceContext<DrainStore>, 'uow' | 'clock'>,
  result: DrainResult,
  failuresBefore: number,
  seq: number,
  error: string,
  owner: string,
): Promise<DrainResult> {
  const at = ctx.clock.now();
  const failures = failuresBefore + 1;
  const nextAttemptAt = new Date(at.getTime() + sinkRetryDelayMs(failures));
  await ctx.uow.run((store) =>
    store.archiveSinks.failed(result.tenantId, result.sink, owner, { at, error, failures, nextAttemptAt }),
  );
  return {
    ...result,
    failure: { seq, error, failures, nextAttemptAt },
    change: failuresBefore === 0 ? { to: 'failing', seq, error } : null,
  };
}
