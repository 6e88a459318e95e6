import type { AdminStore, AuditRecord, TenantSettingsRecord } from '../../ports/index.js';
import type { Sql } from '../sql.js';
import { NUMBER_COLS, num, unique, type NumberRow } from './people.repository.js';

/** The admin area's persistence (ports/admin.ts): business numbers, tenant settings, the audit of admin records. */

const json = (v: unknown) => (v === undefined ? undefined : v === null ? null : JSON.stringify(v));

/** `SET col = $n` for each defined value of the patch, numbering parameters after `first`. */
function assignments(columns: Record<string, unknown>, first: number): { set: string[]; values: unknown[] } {
  const set: string[] = [];
  const values: unknown[] = [];
  for (const [column, value] of Object.entries(columns)) {
    if (value === undefined) continue;
    values.push(value);
    set.push(
      `${column} = $${first + values.length}${column.endsWith('template') || column === 'restrictions' ? '::jsonb' : ''}`,
    );
  }
  return { set, values };
}

export function numbersAdminRepository(sql: Sql): AdminStore['numbersAdmin'] {
  return {
    async list(tenantId) {
      const rows = await sql.rows<NumberRow>(
        `SELECT ${NUMBER_COLS} FROM business_numbers WHERE tenant_id = $1 ORDER BY channel DESC, created_at, id`,
        [tenantId],
      );
      return rows.map(num);
    },
    async create(n) {
      const r = await unique(
        sql.one<NumberRow>(
          `INSERT INTO business_numbers (tenant_id, channel, provider_number_id, display_phone, waba_id, region,
                                         enabled, opt_in_template, resume_template)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb) RETURNING ${NUMBER_COLS}`,
          [
            n.tenantId,
            n.channel,
            n.providerNumberId,
            n.displayPhone,
            n.wabaId,
            n.region,
            n.enabled,
            json(n.optInTemplate),
            json(n.resumeTemplate),
          ],
        ),
      );
      return num(r!);
    },
    async update(tenantId, id, patch, at) {
      const { set, values } = assignments(
        {
          display_phone: patch.displayPhone,
          region: patch.region,
          waba_id: patch.wabaId,
          enabled: patch.enabled,
          opt_in_template: json(patch.optInTemplate),
          resume_template: json(patch.resumeTemplate),
        },
        3,
      );
      const r = await sql.one<NumberRow>(
        `UPDATE business_numbers SET ${[...set, `updated_at = $3`].join(', ')}
          WHERE tenant_id = $1 AND id = $2 RETURNING ${NUMBER_COLS}`,
        [tenantId, id, at, ...values],
      );
      return r && num(r);
    },
  };
}

type SettingsRow = {
  id: string;
  whatsapp_enabled: boolean;
  sms_help_text: string | null;
  restrict_incoming: boolean;
  default_region: TenantSettingsRecord['defaultRegion'];
};
const SETTINGS_COLS = 'id, whatsapp_enabled, sms_help_text, restrict_incoming, default_region';
const settings = (r: SettingsRow): TenantSettingsRecord => ({
  tenantId: r.id,
  whatsappEnabled: r.whatsapp_enabled,
  smsHelpText: r.sms_help_text,
  restrictIncoming: r.restrict_incoming,
  defaultRegion: r.default_region,
});

export function tenantSettingsRepository(sql: Sql): AdminStore['tenantSettings'] {
  return {
    async get(tenantId) {
      const r = await sql.one<SettingsRow>(`SELECT ${SETTINGS_COLS} FROM tenants WHERE id = $1`, [tenantId]);
      if (!r) throw new Error(`tenant ${tenantId} does not exist`);
      return settings(r);
    },
    async update(tenantId, patch) {
      const { set, values } = assignments(
        {
          whatsapp_enabled: patch.whatsappEnabled,
          sms_help_text: patch.smsHelpText,
          restrict_incoming: patch.restrictIncoming,
          default_region: patch.defaultRegion,
        },
        1,
      );
      const r =
        set.length === 0
          ? await sql.one<SettingsRow>(`SELECT ${SETTINGS_COLS} FROM tenants WHERE id = $1`, [tenantId])
          : await sql.one<SettingsRow>(
              `UPDATE tenants SET ${set.join(', ')} WHERE id = $1 RETURNING ${SETTINGS_COLS}`,
              [tenantId, ...values],
            );
      if (!r) throw new Error(`tenant ${tenantId} does not exist`);
      return settings(r);
    },
  };
}

export function auditRepository(sql: Sql): AdminStore['audit'] {
  return {
    async page(tenantId, beforeSeq, limit) {
      const rows = await sql.rows<{
        seq: string | number;
        at: Date;
        type: string;
        payload: Record<string, unknown>;
      }>(
        `SELECT seq, at, type, payload FROM archive_records
          WHERE tenant_id = $1 AND type LIKE 'admin.%' AND ($2::bigint IS NULL OR seq < $2::bigint)
          ORDER BY seq DESC LIMIT $3`,
        [tenantId, beforeSeq, limit],
      );
      return rows.map((r): AuditRecord => ({
        seq: Number(r.seq),
        at: new Date(r.at),
        type: r.type,
        payload: r.payload,
      }));
    },
  };
}
