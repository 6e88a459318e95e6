import type { ArchiveSinkName } from '../../domain/archive/index.js';
import type { ArchiveSinkCursor, ArchiveSinksPort } from '../../ports/index.js';
import type { Sql } from '../sql.js';

/**
 * The cursors of the archive's outward feeds (`archive_sinks`). A lease lasts two minutes from its last renewal (every
 * move of the cursor renews it); one delivery is bounded well below that by the adapters' timeouts, so a lease only
 * runs out when the process holding it has died. Times of the lease are the database's; the backoff's are the
 * caller's clock.
 */
const LEASE = "interval '2 minutes'";

type CursorRow = {
  tenant_id: string;
  sink: ArchiveSinkName;
  last_seq: string;
  last_delivered_seq: string;
  last_delivered_at: Date | null;
  failures: number;
  last_error: string | null;
  failing_since: Date | null;
  next_attempt_at: Date | null;
};

const cursorOf = (r: CursorRow): ArchiveSinkCursor => ({
  tenantId: r.tenant_id,
  sink: r.sink,
  lastSeq: Number(r.last_seq),
  lastDeliveredSeq: Number(r.last_delivered_seq),
  lastDeliveredAt: r.last_delivered_at,
  failures: r.failures,
  lastError: r.last_error,
  failingSince: r.failing_since,
  nextAttemptAt: r.next_attempt_at,
});

const COLUMNS = `tenant_id, sink, last_seq, last_delivered_seq, last_delivered_at, failures, last_error, failing_since,
  next_attempt_at`;

export function archiveSinksRepository(sql: Sql): ArchiveSinksPort {
  return {
    async due(sinks, now) {
      if (sinks.length === 0) return [];
      return sql.prepared<{ tenantId: string; sink: ArchiveSinkName }>(
        `SELECT h.tenant_id AS "tenantId", k.sink
           FROM archive_heads h CROSS JOIN unnest($1::text[]) AS k(sink)
           LEFT JOIN archive_sinks s ON s.tenant_id = h.tenant_id AND s.sink = k.sink
          WHERE h.seq > COALESCE(s.last_seq, 0)
            AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= $2)
            AND (s.lease_until IS NULL OR s.lease_until < now())
          ORDER BY h.tenant_id, k.sink`,
        [sinks, now],
      );
    },
    async claim(tenantId, sink, owner) {
      const row = await sql.one<CursorRow>(
        `INSERT INTO archive_sinks AS s (tenant_id, sink, lease_owner, lease_until)
         VALUES ($1, $2, $3, now() + ${LEASE})
         ON CONFLICT (tenant_id, sink) DO UPDATE SET lease_owner = $3, lease_until = now() + ${LEASE}
          WHERE s.lease_owner IS NULL OR s.lease_owner = $3 OR s.lease_until < now()
         RETURNING ${COLUMNS}`,
        [tenantId, sink, owner],
      );
      return row ? cursorOf(row) : null;
    },
    async advance(tenantId, sink, owner, move) {
      const delivered = move.deliveredAt !== null;
      const changed = await sql.exec(
        `UPDATE archive_sinks SET last_seq = $4, lease_until = now() + ${LEASE}, updated_at = now()
           ${delivered ? ', last_delivered_seq = $4, last_delivered_at = $5, delivered = delivered + 1' : ''}
           ${move.clearFailure ? ', failures = 0, last_error = NULL, failing_since = NULL, next_attempt_at = NULL' : ''}
          WHERE tenant_id = $1 AND sink = $2 AND lease_owner = $3 AND last_seq < $4
          RETURNING last_seq`,
        delivered
          ? [tenantId, sink, owner, move.toSeq, move.deliveredAt]
          : [tenantId, sink, owner, move.toSeq],
      );
      return changed === 1;
    },
    async failed(tenantId, sink, owner, failure) {
      await sql.exec(
        `UPDATE archive_sinks SET failures = $4, last_error = $5, failing_since = COALESCE(failing_since, $6),
                next_attempt_at = $7, updated_at = now()
          WHERE tenant_id = $1 AND sink = $2 AND lease_owner = $3`,
        [tenantId, sink, owner, failure.failures, failure.error, failure.at, failure.nextAttemptAt],
      );
    },
    async release(tenantId, sink, owner) {
      await sql.exec(
        `UPDATE archive_sinks SET lease_owner = NULL, lease_until = NULL
          WHERE tenant_id = $1 AND sink = $2 AND lease_owner = $3`,
        [tenantId, sink, owner],
      );
    },
    async get(tenantId, sink) {
      const row = await sql.one<CursorRow>(
        `SELECT ${COLUMNS} FROM archive_sinks WHERE tenant_id = $1 AND sink = $2`,
        [tenantId, sink],
      );
      return row ? cursorOf(row) : null;
    },
    async pending(tenantId, afterSeq, kinds) {
      const row = await sql.one<{ count: string; waited: string | null }>(
        `SELECT count(*) AS count, EXTRACT(EPOCH FROM now() - min(recorded_at)) AS waited
           FROM archive_records
          WHERE tenant_id = $1 AND seq > $2
            AND ($3::text[] IS NULL OR type = ANY($3::text[]) OR type LIKE ANY($4::text[]))`,
        [
          tenantId,
          afterSeq,
          kinds ? kinds.types : null,
          kinds ? kinds.prefixes.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : [],
        ],
      );
      return {
        count: Number(row?.count ?? 0),
        oldestWaitingSeconds: Math.max(0, Math.round(Number(row?.waited ?? 0))),
      };
    },
  };
}
