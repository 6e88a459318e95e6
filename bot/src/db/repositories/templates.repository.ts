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
};
const COLS = `tenant_id, waba_id, name, language, provider_template_id, category, status, quality, body,
  parameter_count, quick_replies, updated_at`;
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
});

export function templatesRepository(sql: Sql): Store['templates'] {
  return {
    async upsert(t) {
      await sql.exec(
        `INSERT INTO templates (${COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
         ON CONFLICT (tenant_id, waba_id, name, language) DO UPDATE SET
           provider_template_id = EXCLUDED.provider_template_id, category = EXCLUDED.category,
           status = EXCLUDED.status, quality = EXCLUDED.quality, body = EXCLUDED.body,
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
            updated_at)
         VALUES ($1, $2, $3, $4, $5, COALESCE($6, 'UNKNOWN'), $7, $8, $9)
         ON CONFLICT (tenant_id, waba_id, name, language) DO UPDATE SET
           provider_template_id = EXCLUDED.provider_template_id,
           status = COALESCE($6, templates.status), quality = COALESCE($7, templates.quality),
           reason = COALESCE($8, templates.reason), updated_at = EXCLUDED.updated_at`,
        [u.tenantId, u.wabaId, u.name, u.language, u.providerTemplateId, u.status, u.quality, u.reason, u.at],
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
      const rows = await sql.rows<TemplateRow>(
        `SELECT ${COLS} FROM templates WHERE tenant_id = $1 AND status = 'APPROVED' ORDER BY name, language`,
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
