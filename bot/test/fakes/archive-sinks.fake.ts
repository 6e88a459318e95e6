import type { ArchiveSinkName, StoredRecord } from '../../src/domain/archive/index.js';
import type {
  ArchiveSettings,
  ArchiveSinkCursor,
  ArchiveSinksPort,
  ComplianceStore,
  UnitOfWork,
} from '../../src/ports/index.js';
import { testClock, type TestClock } from './clock.js';

type SinkStore = Pick<ComplianceStore, 'archiveRead' | 'archiveSettings' | 'archiveSinks'>;
type CursorRow = ArchiveSinkCursor & { leaseOwner: string | null; delivered: number };

/**
 * An in-memory archive for the outward feeds' use cases: each tenant's records in seq order (hashes are stand-ins,
 * nothing here checks the chain), the journal switch per tenant, and the cursors with their lease. A lease never runs
 * out by itself here; `loseLease` plays another process taking over after it did.
 */
export interface FakeArchive {
  uow: UnitOfWork<SinkStore>;
  clock: TestClock;
  /** Appends a record of this type to the tenant's chain; answers its seq. */
  append(tenantId: string, type: string, payload?: Record<string, unknown>): number;
  setJournal(tenantId: string, enabled: boolean): void;
  cursor(tenantId: string, sink: ArchiveSinkName): CursorRow | null;
  loseLease(tenantId: string, sink: ArchiveSinkName, to: string): void;
}

export function fakeArchive(options: { clock?: TestClock } = {}): FakeArchive {
  const clock = options.clock ?? testClock();
  const records = new Map<string, (StoredRecord & { recordedAt: Date })[]>();
  const journalOff = new Set<string>();
  const cursors = new Map<string, CursorRow>();
  const key = (tenantId: string, sink: ArchiveSinkName) => `${tenantId}/${sink}`;
  const chain = (tenantId: string) => records.get(tenantId) ?? [];

  const sinks: ArchiveSinksPort = {
    async due(names, now) {
      return [...records.keys()].sort().flatMap((tenantId) =>
        names
          .filter((sink) => {
            const c = cursors.get(key(tenantId, sink));
            return (
              chain(tenantId).length > (c?.lastSeq ?? 0) &&
              (!c?.nextAttemptAt || c.nextAttemptAt <= now) &&
              !c?.leaseOwner
            );
          })
          .map((sink) => ({ tenantId, sink })),
      );
    },
    async claim(tenantId, sink, owner) {
      const k = key(tenantId, sink);
      const row = cursors.get(k) ?? {
        tenantId,
        sink,
        lastSeq: 0,
        lastDeliveredSeq: 0,
        lastDeliveredAt: null,
        failures: 0,
        lastError: null,
        failingSince: null,
        nextAttemptAt: null,
        leaseOwner: null,
        delivered: 0,
      };
      if (row.leaseOwner && row.leaseOwner !== owner) return null;
      row.leaseOwner = owner;
      cursors.set(k, row);
      return structuredClone(row);
    },
    async advance(tenantId, sink, owner, move) {
      const row = cursors.get(key(tenantId, sink));
      if (!row || row.leaseOwner !== owner || row.lastSeq >= move.toSeq) return false;
      row.lastSeq = move.toSeq;
      if (move.deliveredAt) {
        row.lastDeliveredSeq = move.toSeq;
        row.lastDeliveredAt = move.deliveredAt;
        row.delivered += 1;
      }
      if (move.clearFailure)
        Object.assign(row, { failures: 0, lastError: null, failingSince: null, nextAttemptAt: null });
      return true;
    },
    async failed(tenantId, sink, owner, failure) {
      const row = cursors.get(key(tenantId, sink));
      if (!row || row.leaseOwner !== owner) return;
      row.failures = failure.failures;
      row.lastError = failure.error;
      row.failingSince ??= failure.at;
      row.nextAttemptAt = failure.nextAttemptAt;
    },
    async release(tenantId, sink, owner) {
      const row = cursors.get(key(tenantId, sink));
      if (row?.leaseOwner === owner) row.leaseOwner = null;
    },
    async get(tenantId, sink) {
      const row = cursors.get(key(tenantId, sink));
      return row ? structuredClone(row) : null;
    },
    async pending(tenantId, afterSeq, kinds) {
      const waiting = chain(tenantId).filter(
        (r) =>
          r.seq > afterSeq &&
          (kinds === null ||
            kinds.types.includes(r.payload.type) ||
            kinds.prefixes.some((p) => r.payload.type.startsWith(p))),
      );
      const oldest = waiting[0]?.recordedAt;
      return {
        count: waiting.length,
        oldestWaitingSeconds: oldest ? Math.round((clock.now().getTime() - oldest.getTime()) / 1000) : 0,
      };
    },
  };

  const settingsOf = (tenantId: string): ArchiveSettings => ({
    tenantId,
    retentionDays: 2192,
    journalEnabled: !journalOff.has(tenantId),
    lastVerifiedAt: null,
    lastVerify: null,
  });
  const store: SinkStore = {
    archiveRead: {
      head: async (tenantId) => ({
        tenantId,
        records: chain(tenantId).length,
        head: chain(tenantId).at(-1)?.hash ?? '0'.repeat(64),
        checkpoint: null,
      }),
      records: async (tenantId, afterSeq, limit) =>
        chain(tenantId)
          .filter((r) => r.seq > afterSeq)
          .slice(0, limit)
          .map(({ recordedAt: _, ...r }) => structuredClone(r)),
      // Verify reads the same records; the fake has no sealed text, so the verifier canonicalises the payloads itself.
      forVerify: async (tenantId, afterSeq, limit) =>
        chain(tenantId)
          .filter((r) => r.seq > afterSeq)
          .slice(0, limit)
          .map(({ recordedAt: _, ...r }) => structuredClone(r)),
      checkpoints: async () => [],
      purgedRanges: async () => [],
      tenantsWithRecords: async () => [...records.keys()].sort(),
    },
    archiveSettings: {
      get: async (tenantId) => settingsOf(tenantId),
      update: async (tenantId, patch) => {
        if (patch.journalEnabled !== undefined)
          void (patch.journalEnabled ? journalOff.delete(tenantId) : journalOff.add(tenantId));
        return settingsOf(tenantId);
      },
      recordVerify: async () => undefined,
    },
    archiveSinks: sinks,
  };
  const uow: UnitOfWork<SinkStore> = { run: (work) => work(store), read: (work) => work(store) };

  return {
    uow,
    clock,
    append(tenantId, type, payload = {}) {
      const list = chain(tenantId);
      const seq = list.length + 1;
      const hash = seq.toString(16).padStart(64, '0');
      list.push({
        seq,
        prevHash: list.at(-1)?.hash ?? '0'.repeat(64),
        hash,
        payload: {
          tenantId,
          seq,
          type,
          at: clock.now().toISOString(),
          content: null,
          contentSha256: null,
          ...payload,
        },
        recordedAt: clock.now(),
      });
      records.set(tenantId, list);
      return seq;
    },
    setJournal(tenantId, enabled) {
      void (enabled ? journalOff.delete(tenantId) : journalOff.add(tenantId));
    },
    cursor: (tenantId, sink) => structuredClone(cursors.get(key(tenantId, sink)) ?? null),
    loseLease(tenantId, sink, to) {
      const row = cursors.get(key(tenantId, sink));
      if (row) row.leaseOwner = to;
    },
  };
}
