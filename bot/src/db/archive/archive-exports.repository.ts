import type { ArchiveExportFormat } from '@bridgeline/shared';
import type { ArchivePayload, ExportCursor, ExportRecord } from '../../domain/archive/index.js';
import type {
  ArchiveExportFilter,
  ArchiveExportRecord,
  ArchiveExportStatus,
  ArchiveExportsPort,
} from '../../ports/index.js';
import type { Sql } from '../sql.js';

type ExportRow = {
  id: string;
  tenant_id: string;
  status: ArchiveExportStatus;
  format: ArchiveExportFormat;
  range_from: Date;
  range_to: Date;
  thread_id: string | null;
  contact_id: string | null;
  member_id: string | null;
  requested_by: string | null;
  records: string;
  total: string | null;
  messages: string;
  files: number;
  zip_sha256: string | null;
  zip_bytes: string | null;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
  expired_at: Date | null;
};

const exportOf = (r: ExportRow): ArchiveExportRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  status: r.status,
  format: r.format,
  from: r.range_from,
  to: r.range_to,
  threadId: r.thread_id,
  contactId: r.contact_id,
  memberId: r.member_id,
  requestedBy: r.requested_by,
  counts: {
    records: Number(r.records),
    total: r.total === null ? null : Number(r.total),
    messages: Number(r.messages),
    files: r.files,
  },
  zipSha256: r.zip_sha256,
  zipBytes: r.zip_bytes === null ? null : Number(r.zip_bytes),
  error: r.error,
  createdAt: r.created_at,
  finishedAt: r.finished_at,
  expiredAt: r.expired_at,
});

type RecordRow = {
  seq: string;
  prev_hash: string;
  hash: string;
  type: string;
  thread_id: string | null;
  json: string;
};

/** A record read for an export: its payload parsed only if a format asks for it (JSON Lines never does). */
class ReadRecord implements ExportRecord {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
  readonly type: string;
  readonly threadId: string | null;
  readonly json: string;
  private parsed: ArchivePayload | null = null;

  constructor(r: RecordRow) {
    this.seq = Number(r.seq);
    this.prevHash = r.prev_hash;
    this.hash = r.hash;
    this.type = r.type;
    this.threadId = r.thread_id;
    this.json = r.json;
  }

  get payload(): ArchivePayload {
    return (this.parsed ??= JSON.parse(this.json) as ArchivePayload);
  }
}
const recordOf = (r: RecordRow): ExportRecord => new ReadRecord(r);

/** The thread of a record, as the archive migration's thread index spells it (so the index serves the order). */
const THREAD = `(payload->'thread'->>'id')`;

/**
 * The WHERE clause of an export's filter, with only the conditions it has (a catch-all `$n IS NULL OR …` would keep
 * the planner off the thread, contact and member indexes).
 */
function where(filter: ArchiveExportFilter, values: unknown[]): string {
  values.push(filter.tenantId, filter.from, filter.to, filter.asOfSeq);
  const clauses = ['tenant_id = $1', 'at >= $2', 'at < $3', 'seq <= $4'];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (filter.threadId) clauses.push(`${THREAD} = ${param(filter.threadId)}`);
  if (filter.contactId) clauses.push(`(payload->'contact'->>'id') = ${param(filter.contactId)}`);
  if (filter.memberId) {
    const p = param(filter.memberId);
    clauses.push(`((payload->'actor'->>'id') = ${p} OR (payload->'subject'->>'id') = ${p})`);
  }
  return clauses.join(' AND ');
}

const SELECT = `SELECT seq, prev_hash, hash, type, ${THREAD} AS thread_id, payload::text AS json FROM archive_records`;

/*
 * The batches are read as plain queries, not named prepared statements: a prepared statement's generic plan (used
 * after its fifth run) knows neither the cursor nor the range, and read a batch two to three times slower. Planning
 * one batch of thousands of records costs a millisecond.
 */
export function archiveExportsRepository(sql: Sql): ArchiveExportsPort {
  /** Thread order, first part: records of a thread, thread after thread, each in seq order. */
  const ofThreads = (filter: ArchiveExportFilter, after: ExportCursor, limit: number) => {
    const values: unknown[] = [];
    const w = where(filter, values);
    values.push(after.threadId ?? '', after.seq, limit);
    const n = values.length;
    return sql.rows<RecordRow>(
      `${SELECT} WHERE ${w} AND ${THREAD} IS NOT NULL AND (${THREAD}, seq) > ($${n - 2}::text, $${n - 1}::bigint)
        ORDER BY ${THREAD}, seq LIMIT $${n}`,
      values,
    );
  };
  /** Seq order: the whole selection, or (in thread order, last) the records of no thread. */
  const bySeq = (filter: ArchiveExportFilter, afterSeq: number, limit: number, threadless: boolean) => {
    const values: unknown[] = [];
    const w = where(filter, values);
    values.push(afterSeq, limit);
    const n = values.length;
    return sql.rows<RecordRow>(
      `${SELECT} WHERE ${w}${threadless ? ` AND ${THREAD} IS NULL` : ''} AND seq > $${n - 1}
        ORDER BY seq LIMIT $${n}`,
      values,
    );
  };

  return {
    async create(input) {
      const row = await sql.one<ExportRow>(
        `INSERT INTO archive_exports (tenant_id, format, range_from, range_to, thread_id, contact_id, member_id,
                                      requested_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
        [
          input.tenantId,
          input.format,
          input.from,
          input.to,
          input.threadId,
          input.contactId,
          input.memberId,
          input.requestedBy,
          input.createdAt,
        ],
      );
      return exportOf(row!);
    },
    async byId(tenantId, id) {
      const row = await sql.one<ExportRow>('SELECT * FROM archive_exports WHERE tenant_id = $1 AND id = $2', [
        tenantId,
        id,
      ]);
      return row ? exportOf(row) : null;
    },
    async list(tenantId, limit) {
      const rows = await sql.rows<ExportRow>(
        `SELECT * FROM archive_exports WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
        [tenantId, limit],
      );
      return rows.map(exportOf);
    },
    async progress(id, counts) {
      await sql.exec(
        `UPDATE archive_exports SET records = $2, total = COALESCE($3, total) WHERE id = $1 AND status = 'running'`,
        [id, counts.records, counts.total],
      );
    },
    async finish(id, outcome) {
      const { counts } = outcome;
      const changed = await sql.exec(
        `UPDATE archive_exports SET status = 'done', records = $2, total = $3, messages = $4, files = $5,
                zip_sha256 = $6, zip_bytes = $7, finished_at = $8
          WHERE id = $1 AND status = 'running'`,
        [
          id,
          counts.records,
          counts.total,
          counts.messages,
          counts.files,
          outcome.zipSha256,
          outcome.zipBytes,
          outcome.at,
        ],
      );
      return changed > 0;
    },
    async fail(id, error, at) {
      const changed = await sql.exec(
        `UPDATE archive_exports SET status = 'failed', error = $2, finished_at = $3
          WHERE id = $1 AND status = 'running'`,
        [id, error, at],
      );
      return changed > 0;
    },
    async expiring(finishedBefore, limit) {
      const rows = await sql.rows<ExportRow>(
        `SELECT * FROM archive_exports WHERE status = 'done' AND expired_at IS NULL AND finished_at < $1
          ORDER BY finished_at LIMIT $2`,
        [finishedBefore, limit],
      );
      return rows.map(exportOf);
    },
    async expire(id, at) {
      const changed = await sql.exec(
        `UPDATE archive_exports SET expired_at = $2 WHERE id = $1 AND status = 'done' AND expired_at IS NULL`,
        [id, at],
      );
      return changed > 0;
    },
    async count(filter) {
      const values: unknown[] = [];
      const row = await sql.one<{ n: string }>(
        `SELECT count(*) AS n FROM archive_records WHERE ${where(filter, values)}`,
        values,
      );
      return Number(row?.n ?? 0);
    },
    async records(filter, order, after, limit) {
      if (order === 'seq') return (await bySeq(filter, after?.seq ?? 0, limit, false)).map(recordOf);
      const rows: RecordRow[] = [];
      if (after === null || after.threadId !== null)
        rows.push(...(await ofThreads(filter, after ?? { threadId: '', seq: 0 }, limit)));
      if (rows.length < limit) {
        const afterSeq = after !== null && after.threadId === null ? after.seq : 0;
        rows.push(...(await bySeq(filter, afterSeq, limit - rows.length, true)));
      }
      return rows.map(recordOf);
    },
  };
}
