import {
  DuplicateKey,
  type Store,
  type MemberRecord,
  type TenantRecord,
  type BusinessNumberRecord,
} from '../../ports/index.js';
import { PG, pgCode, type Sql } from '../sql.js';

type MemberRow = {
  id: string;
  tenant_id: string;
  email: string;
  display_name: string;
  aad_object_id: string | null;
  region: MemberRecord['region'];
  enabled: boolean;
  is_admin: boolean;
  sms_number_id: string | null;
  sms_number: string | null;
  first_run_pending: boolean;
};

const member = (r: MemberRow): MemberRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  email: r.email,
  displayName: r.display_name,
  aadObjectId: r.aad_object_id,
  region: r.region,
  enabled: r.enabled,
  isAdmin: r.is_admin,
  smsNumberId: r.sms_number_id,
  smsNumber: r.sms_number,
  firstRunPending: r.first_run_pending,
});

/** The member's SMS number in E.164, read from the business number it names. */
const SMS_NUMBER_OF = (m: string) =>
  `(SELECT '+' || regexp_replace(b.display_phone, '[^0-9]', '', 'g') FROM business_numbers b
     WHERE b.tenant_id = ${m}.tenant_id AND b.id = ${m}.sms_number_id) AS sms_number`;
const MEMBER_COLS = `id, tenant_id, email, display_name, aad_object_id, region, enabled, is_admin, sms_number_id,
  first_run_pending, ${SMS_NUMBER_OF('members')}`;

/** A unique key's refusal becomes the port's `DuplicateKey`; any other failure stays what it is. */
export async function unique<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (pgCode(error) === PG.uniqueViolation) throw new DuplicateKey({ cause: error });
    throw error;
  }
}

type TenantRow = {
  id: string;
  name: string;
  enabled: boolean;
  whatsapp_enabled: boolean;
  restrict_incoming: boolean;
  default_region: TenantRecord['defaultRegion'];
};
const TENANT_COLS = 'id, name, enabled, whatsapp_enabled, restrict_incoming, default_region';
const tenant = (r: TenantRow): TenantRecord => ({
  id: r.id,
  name: r.name,
  enabled: r.enabled,
  whatsappEnabled: r.whatsapp_enabled,
  restrictIncoming: r.restrict_incoming,
  defaultRegion: r.default_region,
});

export function tenantsRepository(sql: Sql): Store['tenants'] {
  return {
    async byId(id) {
      const r = await sql.one<TenantRow>(`SELECT ${TENANT_COLS} FROM tenants WHERE id = $1`, [id]);
      return r && tenant(r);
    },
    async byName(name) {
      const r = await sql.one<TenantRow>(`SELECT ${TENANT_COLS} FROM tenants WHERE name = $1`, [name]);
      return r && tenant(r);
    },
    async smsHelpText(tenantId) {
      const r = await sql.one<{ text: string | null }>(
        'SELECT sms_help_text AS text FROM tenants WHERE id = $1',
        [tenantId],
      );
      return r?.text ?? null;
    },
    async byEntraId(aadTenantId) {
      const r = await sql.one<TenantRow>(
        `SELECT ${TENANT_COLS} FROM tenants WHERE lower(aad_tenant_id) = lower($1)`,
        [aadTenantId],
      );
      return r && tenant(r);
    },
    async create({ name, aadTenantId }) {
      const r = await unique(
        sql.one<TenantRow>(
          `INSERT INTO tenants (name, aad_tenant_id) VALUES ($1, $2) RETURNING ${TENANT_COLS}`,
          [name, aadTenantId ?? null],
        ),
      );
      return tenant(r!);
    },
  };
}

export function membersRepository(sql: Sql): Store['members'] {
  return {
    async byId(tenantId, id) {
      const r = await sql.one<MemberRow>(
        `SELECT ${MEMBER_COLS} FROM members WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id],
      );
      return r && member(r);
    },
    async byIds(tenantId, ids) {
      if (ids.length === 0) return [];
      const rows = await sql.rows<MemberRow>(
        `SELECT ${MEMBER_COLS} FROM members WHERE tenant_id = $1 AND id = ANY($2::uuid[])`,
        [tenantId, ids],
      );
      return rows.map(member);
    },
    async byEmail(tenantId, email) {
      const r = await sql.one<MemberRow>(
        `SELECT ${MEMBER_COLS} FROM members WHERE tenant_id = $1 AND lower(email) = lower($2)`,
        [tenantId, email],
      );
      return r && member(r);
    },
    async byEmailAnyTenant(email) {
      const rows = await sql.rows<MemberRow>(
        `SELECT ${MEMBER_COLS} FROM members WHERE lower(email) = lower($1)`,
        [email],
      );
      return rows.map(member);
    },
    async byEntraId(aadTenantId, aadObjectId) {
      const r = await sql.one<MemberRow>(
        `SELECT m.id, m.tenant_id, m.email, m.display_name, m.aad_object_id, m.region, m.enabled, m.is_admin,
                m.sms_number_id, m.first_run_pending, ${SMS_NUMBER_OF('m')}
           FROM members m JOIN tenants t ON t.id = m.tenant_id
          WHERE lower(t.aad_tenant_id) = lower($1) AND lower(m.aad_object_id) = lower($2)`,
        [aadTenantId, aadObjectId],
      );
      return r && member(r);
    },
    async search(tenantId, { query, region }) {
      const rows = await sql.rows<MemberRow>(
        `SELECT ${MEMBER_COLS} FROM members
          WHERE tenant_id = $1
            AND ($2::text IS NULL OR region = $2)
            AND ($3::text IS NULL OR display_name ILIKE '%' || $3 || '%' OR email ILIKE '%' || $3 || '%')
          ORDER BY display_name, id LIMIT 200`,
        [tenantId, region ?? null, query?.trim() ? escapeLike(query.trim()) : null],
      );
      return rows.map(member);
    },
    async create(m) {
      const r = await unique(
        sql.one<MemberRow>(
          `INSERT INTO members (tenant_id, email, display_name, aad_object_id, region, enabled, is_admin, sms_number_id,
                                first_run_pending)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${MEMBER_COLS}`,
          [
            m.tenantId,
            m.email,
            m.displayName,
            m.aadObjectId,
            m.region,
            m.enabled,
            m.isAdmin,
            m.smsNumberId,
            m.firstRunPending ?? false,
          ],
        ),
      );
      return member(r!);
    },
    async update(tenantId, id, p) {
      const r = await unique(
        sql.one<MemberRow>(
          `UPDATE members SET
             email = COALESCE($3, email), display_name = COALESCE($4, display_name),
             aad_object_id = COALESCE($5, aad_object_id), region = COALESCE($6, region),
             enabled = COALESCE($7, enabled), is_admin = COALESCE($8, is_admin),
             sms_number_id = CASE WHEN $9::boolean THEN $10::uuid ELSE sms_number_id END,
             first_run_pending = COALESCE($11, first_run_pending), updated_at = now()
           WHERE tenant_id = $1 AND id = $2 RETURNING ${MEMBER_COLS}`,
          [
            tenantId,
            id,
            p.email ?? null,
            p.displayName ?? null,
            p.aadObjectId ?? null,
            p.region ?? null,
            p.enabled ?? null,
            p.isAdmin ?? null,
            // null clears the member's SMS number; absent leaves it.
            p.smsNumberId !== undefined,
            p.smsNumberId ?? null,
            p.firstRunPending ?? null,
          ],
        ),
      );
      return r && member(r);
    },
  };
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type NumberRow = {
  id: string;
  tenant_id: string;
  channel: BusinessNumberRecord['channel'];
  provider_number_id: string;
  display_phone: string;
  region: BusinessNumberRecord['region'];
  waba_id: string | null;
  enabled: boolean;
  opt_in_template: { name: string; language: string } | null;
  resume_template: { name: string; language: string } | null;
  quality_rating: string | null;
  messaging_limit: string | null;
  restrictions: string[];
  updated_at: Date;
};
export const num = (r: NumberRow): BusinessNumberRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  channel: r.channel,
  providerNumberId: r.provider_number_id,
  displayPhone: r.display_phone,
  region: r.region,
  wabaId: r.waba_id,
  enabled: r.enabled,
  optInTemplate: r.opt_in_template,
  resumeTemplate: r.resume_template,
  qualityRating: r.quality_rating,
  messagingLimit: r.messaging_limit,
  restrictions: r.restrictions,
  updatedAt: r.updated_at,
});
export type { NumberRow };
export const NUMBER_COLS = `id, tenant_id, channel, provider_number_id, display_phone, region, waba_id, enabled,
  opt_in_template, resume_template, quality_rating, messaging_limit, restrictions, updated_at`;

export function numbersRepository(sql: Sql): Store['numbers'] {
  return {
    async byId(tenantId, id) {
      const r = await sql.one<NumberRow>(
        `SELECT ${NUMBER_COLS} FROM business_numbers WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id],
      );
      return r && num(r);
    },
    async forRegion(tenantId, channel, region) {
      const r = await sql.one<NumberRow>(
        `SELECT ${NUMBER_COLS} FROM business_numbers WHERE tenant_id = $1 AND channel = $2 AND region = $3
          ORDER BY enabled DESC, created_at, id LIMIT 1`,
        [tenantId, channel, region],
      );
      return r && num(r);
    },
    async smsByPhone(phoneE164) {
      // By the digits, whichever way the number was written when it was added (E.164, or digits only).
      const digits = phoneE164.replace(/[^0-9]/g, '');
      const r = await sql.one<NumberRow>(
        `SELECT ${NUMBER_COLS} FROM business_numbers
          WHERE channel = 'sms' AND (regexp_replace(provider_number_id, '[^0-9]', '', 'g') = $1
             OR regexp_replace(display_phone, '[^0-9]', '', 'g') = $1)
          ORDER BY created_at, id LIMIT 1`,
        [digits],
      );
      return r && num(r);
    },
    async byProviderId(channel, providerNumberId) {
      const r = await sql.one<NumberRow>(
        `SELECT ${NUMBER_COLS} FROM business_numbers WHERE channel = $1 AND provider_number_id = $2`,
        [channel, providerNumberId],
      );
      return r && num(r);
    },
    async create(n) {
      const r = await sql.one<NumberRow>(
        `INSERT INTO business_numbers (tenant_id, channel, provider_number_id, display_phone, waba_id, region)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${NUMBER_COLS}`,
        [n.tenantId, n.channel, n.providerNumberId, n.displayPhone, n.wabaId ?? null, n.region],
      );
      return num(r!);
    },
  };
}
