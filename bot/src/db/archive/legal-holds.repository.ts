import type { LegalHoldScope } from '../../domain/archive/index.js';
import type { LegalHoldRecord, LegalHoldsPort } from '../../ports/index.js';
import type { Sql } from '../sql.js';

type HoldRow = {
  id: string;
  tenant_id: string;
  scope: LegalHoldScope;
  target_id: string;
  target_label: string;
  reason: string;
  created_at: Date;
  released_at: Date | null;
  cb_id: string;
  cb_name: string;
  rb_id: string | null;
  rb_name: string | null;
};

/** A hold with its target and the members named in words, every join within the hold's tenant. */
const SELECT = `
  SELECT h.id, h.tenant_id, h.scope, h.target_id, h.reason, h.created_at, h.released_at,
         cb.id AS cb_id, cb.display_name AS cb_name, rb.id AS rb_id, rb.display_name AS rb_name,
         COALESCE(CASE h.scope
           WHEN 'contact' THEN (SELECT COALESCE(c.display_name, c.phone_e164, c.username) FROM contacts c
                                 WHERE c.tenant_id = h.tenant_id AND c.id = h.target_id)
           WHEN 'member' THEN (SELECT m.display_name FROM members m WHERE m.tenant_id = h.tenant_id AND m.id = h.target_id)
           WHEN 'thread' THEN (SELECT 'Conversation with ' || COALESCE(c.display_name, c.phone_e164, c.username, 'a contact')
                                 FROM threads t JOIN contacts c ON c.tenant_id = t.tenant_id AND c.id = t.contact_id
                                WHERE t.tenant_id = h.tenant_id AND t.id = h.target_id)
         END, h.target_id::text) AS target_label
    FROM legal_holds h
    JOIN members cb ON cb.tenant_id = h.tenant_id AND cb.id = h.created_by
    LEFT JOIN members rb ON rb.tenant_id = h.tenant_id AND rb.id = h.released_by`;

const holdOf = (r: HoldRow): LegalHoldRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  scope: r.scope,
  targetId: r.target_id,
  targetLabel: r.target_label,
  reason: r.reason,
  createdBy: { id: r.cb_id, displayName: r.cb_name },
  createdAt: r.created_at,
  releasedAt: r.released_at,
  releasedBy: r.rb_id ? { id: r.rb_id, displayName: r.rb_name ?? '' } : null,
});

export function legalHoldsRepository(sql: Sql): LegalHoldsPort {
  const byId = async (tenantId: string, id: string) => {
    const row = await sql.one<HoldRow>(`${SELECT} WHERE h.tenant_id = $1 AND h.id = $2`, [tenantId, id]);
    return row && holdOf(row);
  };
  return {
    byId,
    async create(hold) {
      const row = await sql.one<{ id: string }>(
        `INSERT INTO legal_holds (tenant_id, scope, target_id, reason, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [hold.tenantId, hold.scope, hold.targetId, hold.reason, hold.createdBy, hold.createdAt],
      );
      return (await byId(hold.tenantId, row!.id))!;
    },
    async list(tenantId, options) {
      const rows = await sql.rows<HoldRow>(
        `${SELECT} WHERE h.tenant_id = $1 ${options.includeReleased ? '' : 'AND h.released_at IS NULL'}
          ORDER BY h.created_at DESC, h.id DESC`,
        [tenantId],
      );
      return rows.map(holdOf);
    },
    async release(tenantId, id, by, at) {
      const n = await sql.exec(
        `UPDATE legal_holds SET released_at = $3, released_by = $4
          WHERE tenant_id = $1 AND id = $2 AND released_at IS NULL`,
        [tenantId, id, at, by],
      );
      return n === 1 ? byId(tenantId, id) : null;
    },
    async active(tenantId) {
      const rows = await sql.rows<{ scope: LegalHoldScope; target_id: string }>(
        'SELECT scope, target_id FROM legal_holds WHERE tenant_id = $1 AND released_at IS NULL',
        [tenantId],
      );
      return rows.map((r) => ({ scope: r.scope, targetId: r.target_id }));
    },
    async lock(tenantId) {
      await sql.rows(
        `SELECT pg_advisory_xact_lock(hashtext('bridgeline.legal_holds:' || $1::text)) AS locked`,
        [tenantId],
      );
    },
  };
}
