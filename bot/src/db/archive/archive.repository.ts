import {
  archiveTypeOf,
  buildArchiveRecord,
  canonicalJson,
  checkpointText,
  sealRecords,
  type ArchivePayload,
  type SealedRecord,
  type Checkpoint,
  type StoredRecord,
} from '../../domain/archive/index.js';
import type {
  ArchiveCheckpointsPort,
  ArchiveEntry,
  ArchiveReader,
  ArchiveSettings,
  ArchiveSettingsPort,
  ArchiveWriter,
  CheckpointSigner,
} from '../../ports/index.js';
import { sha256Text } from '../../app/compliance/sha256-text.js';
import type { Sql } from '../sql.js';
import { archiveFacts } from './archive-facts.js';
import {
  VERIFY_COMPARING,
  VERIFY_FAST,
  payloadIsDerived,
  verifyRecordOf,
  type VerifyRow,
} from './archive-verify-read.js';

/** An entry waiting for its transaction's commit, with the archive type it becomes. */
export type PendingEntry = ArchiveEntry & { type: string };

/** What one transaction appends; sealed into the chain just before it commits (`sealArchive`). */
export const pendingEntryOf = (entry: ArchiveEntry, type?: string): PendingEntry => ({
  ...entry,
  type: type ?? archiveTypeOf(entry.event),
});

export interface ArchiveOptions {
  signer: CheckpointSigner | null;
  /** A signed checkpoint every this many records (besides the hourly one). */
  checkpointEvery: number;
  /** Benchmarks only (`Overrides.archive`): measure the same work without the archive, side by side. */
  off?: boolean;
  /** Called once a transaction that appended records has committed (the outward feeds deliver them within seconds). */
  onSealed?: () => void;
}

/**
 * Seals a transaction's entries into each tenant's chain: the facts of each record read now, the tenant's head locked
 * (`INSERT … ON CONFLICT DO UPDATE` takes its row lock until commit, so seqs never repeat or skip), the records
 * numbered and hashed from it, inserted, and the head moved. Tenants in id order, so two transactions touching the
 * same two tenants cannot deadlock. The lock is taken last, just before commit, so it is held for one round trip.
 */
export async function sealArchive(sql: Sql, pending: PendingEntry[], options: ArchiveOptions): Promise<void> {
  if (pending.length === 0 || options.off) return;
  const byTenant = new Map<string, PendingEntry[]>();
  for (const entry of pending) byTenant.set(entry.tenantId, [...(byTenant.get(entry.tenantId) ?? []), entry]);
  for (const tenantId of [...byTenant.keys()].sort()) {
    const entries = byTenant.get(tenantId)!;
    const records = [];
    for (const entry of entries) {
      records.push(
        buildArchiveRecord({
          tenantId,
          type: entry.type,
          at: entry.at,
          event: entry.event,
          facts: await archiveFacts(sql, entry),
          details: entry.details ?? {},
        }),
      );
    }
    const head = (
      await sql.prepared<{ seq: string; hash: string; checkpoint_seq: string }>(
        `INSERT INTO archive_heads AS h (tenant_id, seq) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET seq = h.seq + $2
       RETURNING h.seq - $2 AS seq, h.hash, h.checkpoint_seq`,
        [tenantId, records.length],
      )
    )[0]!;
    const sealed = sealRecords({ seq: Number(head.seq), hash: head.hash }, records, sha256Text);
    await insertRecords(sql, tenantId, sealed);
    const last = sealed[sealed.length - 1]!;
    const every = options.checkpointEvery;
    const due =
      options.signer && Math.floor(last.seq / every) > Math.floor(Number(head.checkpoint_seq) / every);
    if (due)
      await insertCheckpoint(sql, options.signer!, {
        tenantId,
        seq: last.seq,
        hash: last.hash,
        at: new Date(),
      });
    await sql.prepared(
      `UPDATE archive_heads SET hash = $2${due ? ', checkpoint_seq = $3' : ''} WHERE tenant_id = $1 RETURNING seq`,
      due ? [tenantId, last.hash, last.seq] : [tenantId, last.hash],
    );
  }
}

async function insertRecords(sql: Sql, tenantId: string, sealed: SealedRecord[]): Promise<void> {
  const values: unknown[] = [tenantId];
  const rows = sealed.map((r) => {
    const content = r.payload.content === null ? null : canonicalJson(r.payload.content);
    values.push(r.seq, r.payload.at, r.payload.type, content, r.prevHash, r.hash, r.sealed);
    const n = values.length;
    return `($1, $${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
  });
  // payload is not written: the database derives it from sealed and content (migration 1763770450000).
  await sql.exec(
    `INSERT INTO archive_records (tenant_id, seq, at, type, content, prev_hash, hash, sealed) VALUES ${rows.join(', ')}`,
    values,
  );
}

/** Signs the head as given and keeps the checkpoint (append-only, like the records). */
export async function insertCheckpoint(
  sql: Sql,
  signer: CheckpointSigner,
  head: { tenantId: string; seq: number; hash: string; at: Date },
): Promise<Checkpoint> {
  const checkpoint = { tenantId: head.tenantId, seq: head.seq, hash: head.hash, at: head.at.toISOString() };
  const signature = signer.sign(checkpointText(checkpoint));
  await sql.exec(
    `INSERT INTO archive_checkpoints (tenant_id, seq, hash, at, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (tenant_id, seq) DO NOTHING`,
    [head.tenantId, head.seq, head.hash, head.at, signer.keyId, signature],
  );
  return { ...checkpoint, signature };
}

export function archiveCheckpoints(sql: Sql): ArchiveCheckpointsPort {
  return {
    async signHead(tenantId, signer, at) {
      const head = await sql.one<{ seq: string; hash: string; checkpoint_seq: string }>(
        'SELECT seq, hash, checkpoint_seq FROM archive_heads WHERE tenant_id = $1 FOR UPDATE',
        [tenantId],
      );
      if (!head || Number(head.seq) === 0 || Number(head.seq) <= Number(head.checkpoint_seq)) return null;
      const checkpoint = await insertCheckpoint(sql, signer, {
        tenantId,
        seq: Number(head.seq),
        hash: head.hash,
        at,
      });
      await sql.exec('UPDATE archive_heads SET checkpoint_seq = $2 WHERE tenant_id = $1', [
        tenantId,
        checkpoint.seq,
      ]);
      return checkpoint;
    },
  };
}

export function archiveWriter(pending: PendingEntry[]): ArchiveWriter {
  return { append: (entry) => void pending.push(entry) };
}

type RecordRow = { seq: string; prev_hash: string; hash: string; payload: ArchivePayload };

export function archiveReader(sql: Sql): ArchiveReader {
  return {
    async head(tenantId) {
      const row = await sql.one<{ seq: string; hash: string }>(
        'SELECT seq, hash FROM archive_heads WHERE tenant_id = $1',
        [tenantId],
      );
      const checkpoint = await sql.one<{ seq: string; at: Date }>(
        'SELECT seq, at FROM archive_checkpoints WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1',
        [tenantId],
      );
      return {
        tenantId,
        records: row ? Number(row.seq) : 0,
        head: row?.hash ?? '0'.repeat(64),
        checkpoint: checkpoint ? { seq: Number(checkpoint.seq), at: checkpoint.at } : null,
      };
    },
    async records(tenantId, afterSeq, limit): Promise<StoredRecord[]> {
      const rows = await sql.prepared<RecordRow>(
        `SELECT seq, prev_hash, hash, payload FROM archive_records
          WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [tenantId, afterSeq, limit],
      );
      return rows.map((r) => ({
        seq: Number(r.seq),
        prevHash: r.prev_hash,
        hash: r.hash,
        payload: r.payload,
      }));
    },
    async forVerify(tenantId, afterSeq, limit, options = {}): Promise<StoredRecord[]> {
      // payload is derived from sealed and content by the database; if the column was altered (its expression dropped,
      // or made a plain column), or a thorough check is asked for, the database compares every row as it reads it.
      const compare = options.thorough === true || !(await payloadIsDerived(sql));
      const rows = await sql.prepared<VerifyRow>(compare ? VERIFY_COMPARING : VERIFY_FAST, [
        tenantId,
        afterSeq,
        limit,
      ]);
      return rows.map(verifyRecordOf(tenantId));
    },
    async checkpoints(tenantId) {
      const rows = await sql.rows<{ seq: string; hash: string; at: Date; signature: string }>(
        'SELECT seq, hash, at, signature FROM archive_checkpoints WHERE tenant_id = $1 ORDER BY seq',
        [tenantId],
      );
      return rows.map((r) => ({
        tenantId,
        seq: Number(r.seq),
        hash: r.hash,
        at: r.at.toISOString(),
        signature: r.signature,
      }));
    },
    async purgedRanges(tenantId) {
      const rows = await sql.rows<{ ranges: [number, number][] | null }>(
        `SELECT payload->'details'->'purged' AS ranges FROM archive_records
          WHERE tenant_id = $1 AND type = 'retention.purged' ORDER BY seq`,
        [tenantId],
      );
      return rows.flatMap((r) => (Array.isArray(r.ranges) ? r.ranges : []));
    },
    async tenantsWithRecords() {
      const rows = await sql.rows<{ tenant_id: string }>(
        'SELECT tenant_id FROM archive_heads ORDER BY tenant_id',
      );
      return rows.map((r) => r.tenant_id);
    },
  };
}

type SettingsRow = {
  tenant_id: string;
  retention_days: number;
  journal_enabled: boolean;
  last_verified_at: Date | null;
  last_verify: Record<string, unknown> | null;
};

const settingsOf = (r: SettingsRow): ArchiveSettings => ({
  tenantId: r.tenant_id,
  retentionDays: r.retention_days,
  journalEnabled: r.journal_enabled,
  lastVerifiedAt: r.last_verified_at,
  lastVerify: r.last_verify,
});

export function archiveSettingsRepository(sql: Sql): ArchiveSettingsPort {
  const ensure = (tenantId: string) =>
    sql.exec('INSERT INTO archive_settings (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING', [tenantId]);
  return {
    async get(tenantId) {
      await ensure(tenantId);
      return settingsOf(
        (await sql.one<SettingsRow>('SELECT * FROM archive_settings WHERE tenant_id = $1', [tenantId]))!,
      );
    },
    async update(tenantId, patch) {
      await ensure(tenantId);
      const row = await sql.one<SettingsRow>(
        `UPDATE archive_settings SET retention_days = COALESCE($2, retention_days),
                journal_enabled = COALESCE($3, journal_enabled), updated_at = now()
          WHERE tenant_id = $1 RETURNING *`,
        [tenantId, patch.retentionDays ?? null, patch.journalEnabled ?? null],
      );
      return settingsOf(row!);
    },
    async recordVerify(tenantId, at, outcome) {
      await ensure(tenantId);
      await sql.exec(
        'UPDATE archive_settings SET last_verified_at = $2, last_verify = $3 WHERE tenant_id = $1',
        [tenantId, at, JSON.stringify(outcome)],
      );
    },
  };
}
