import type { Store, TemplateRecord } from '../../ports/index.js';
import type { Sql } from '../sql.js';

type TemplateRow = {
  tenant_id: string;
  waba_id: string;
  name: string;
  language: string;
  provider_template_id: string | null;
  category: string | null;
  status: string;
  quality: string | null;
  body: string;
  parameter_count: number;
  quick_replies: string[];
  updated_at: Date;
  disable_date: Date | null;
  reason: string | null;
};
const COLS = `tenant_id, waba_id, name, language, provider_template_id, category, status, quality, body,
  parameter_count, quick_replies, updated_at`;
const READ_COLS = `${COLS}, disable_date, reason`;
const templateOf = (r: TemplateRow): TemplateRecord => ({
  tenantId: r.tenant_id,
  wabaId: r.waba_id,
  name: r.name,
  language: r.language,
  providerTemplateId: r.provider_template_id,
  category: r.category,
  status: r.status,
  quality: r.quality,
  body: r.body,
  parameterCount: Number(r.parameter_count),
  quickReplies: r.quick_replies,
  updatedAt: r.updated_at,
  disableDate: r.disable_date,
  reason: r.reason,
});

export function templatesRepository(sql: Sql): Store['templates'] {
  return {
    async upsert(t) {
      await sql.exec(
        `INSERT INTO templates (${COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (tenant_id, waba_id, name, language) DO UPDATE SET
           provider_template_id = EXCLUDED.provider_template_id, category = EXCLUDED.category,
           -- Meta's listing shows a flagged template as APPROVED: it stays FLAGGED (with its disable date).
           status = CASE WHEN templates.status = 'FLAGGED' AND EXCLUDED.status = 'APPROVED' THEN 'FLAGGED'
                         ELSE EXCLUDED.status END,
           disable_date = CASE WHEN templates.status = 'FLAGGED' AND EXCLUDED.status = 'APPROVED'
                               THEN templates.disable_date ELSE NULL END,
           quality = EXCLUDED.quality, body = EXCLUDED.body,
           parameter_count = EXCLUDED.parameter_count, quick_replies = EXCLUDED.quick_replies,
           updated_at = EXCLUDED.updated_at`,
        [
          t.tenantId,
          t.wabaId,
          t.name,
          t.language,
          t.providerTemplateId,
          t.category,
          t.status,
          t.quality,
          t.body,
          t.parameterCount,
          JSON.stringify(t.quickReplies),
          t.updatedAt,
        ],
      );
    },
    async applyUpdate(u) {
      await sql.exec(
        `INSERT INTO templates (tenant_id, waba_id, name, language, provider_template_id, status, quality, reason,
            updated_at, category, disable_date, last_event)
         VALUES ($1, $2, $3, $4, $5, COALESCE($6, 'UNKNOWN'), $7, $8, $9, $10, $11, $6)
         ON CONFLICT (tenant_id, waba_id, name, language) DO UPDATE SET
           provider_template_id = EXCLUDED.provider_template_id,
           status = COALESCE($6, templates.status), quality = COALESCE($7, templates.quality),
           reason = CASE WHEN $6::text IS NULL THEN templates.reason ELSE $8 END,
           category = COALESCE($10, templates.category),
           -- A status change sets the disable date it came with, or clears it; a quality change keeps it.
           disable_date = CASE WHEN $6::text IS NULL THEN templates.disable_date ELSE $11 END,
           last_event = COALESCE($6, templates.last_event),
           updated_at = EXCLUDED.updated_at`,
        [
          u.tenantId,
          u.wabaId,
          u.name,
          u.language,
          u.providerTemplateId,
          u.status,
          u.quality,
          u.reason,
          u.at,
          u.category ?? null,
          u.disableDate ?? null,
        ],
      );
    },
    async markMissing(tenantId, wabaId, keep, at) {
      await sql.exec(
        `UPDATE templates SET status = 'DELETED', updated_at = $5
          WHERE tenant_id = $1 AND waba_id = $2 AND status <> 'DELETED'
            AND (name, language) NOT IN (SELECT * FROM unnest($3::text[], $4::text[]))`,
        [tenantId, wabaId, keep.map((k) => k.name), keep.map((k) => k.language), at],
      );
    },
    async approved(tenantId) {
      // FLAGGED templates are APPROVED ones Meta warned about: still sent until their disable date.
      const rows = await sql.rows<TemplateRow>(
        `SELECT ${READ_COLS} FROM templates WHERE tenant_id = $1 AND status IN ('APPROVED', 'FLAGGED')
          ORDER BY name, language`,
        [tenantId],
      );
      return rows.map(templateOf);
    },
    async lockOne(tenantId, wabaId, name, language) {
      const row = await sql.one<TemplateRow>(
        `SELECT ${READ_COLS} FROM templates
          WHERE tenant_id = $1 AND waba_id = $2 AND name = $3 AND language = $4 FOR UPDATE`,
        [tenantId, wabaId, name, language],
      );
      return row ? templateOf(row) : null;
    },
    async all(tenantId) {
      const rows = await sql.rows<TemplateRow>(
        `SELECT ${READ_COLS} FROM templates WHERE tenant_id = $1 ORDER BY name, language, waba_id`,
        [tenantId],
      );
      return rows.map(templateOf);
    },
    async tenantsOfWaba(wabaId) {
      const rows = await sql.rows<{ tenant_id: string }>(
        `SELECT DISTINCT tenant_id FROM business_numbers WHERE waba_id = $1 ORDER BY tenant_id`,
        [wabaId],
      );
      return rows.map((r) => r.tenant_id);
    },
  };
}
