import type { ContactRecord, Store } from '../../ports/index.js';
import type { Sql } from '../sql.js';
import { escapeLike } from './people.repository.js';

/** A `contacts` row, as selected with {@link CONTACT_COLUMNS}. */
export type ContactRow = {
  id: string;
  tenant_id: string;
  display_name: string | null;
  phone_e164: string | null;
  wa_id: string | null;
  bsuid: string | null;
  username: string | null;
  created_at: Date;
};
export const CONTACT_COLUMNS = 'id, tenant_id, display_name, phone_e164, wa_id, bsuid, username, created_at';
export const contact = (r: ContactRow): ContactRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  displayName: r.display_name,
  phoneE164: r.phone_e164,
  waId: r.wa_id,
  bsuid: r.bsuid,
  username: r.username,
  createdAt: r.created_at,
});

export function contactsRepository(sql: Sql): Store['contacts'] {
  const byPhone = async (tenantId: string, phone: string) => {
    const r = await sql.one<ContactRow>(
      `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE tenant_id = $1 AND phone_e164 = $2`,
      [tenantId, phone],
    );
    return r && contact(r);
  };
  return {
    async byId(tenantId, id) {
      const r = await sql.one<ContactRow>(
        `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id],
      );
      return r && contact(r);
    },
    byPhone,
    async search(tenantId, query, limit) {
      const q = query?.trim() ? escapeLike(query.trim()) : null;
      const rows = await sql.rows<ContactRow>(
        `SELECT ${CONTACT_COLUMNS} FROM contacts WHERE tenant_id = $1
            AND ($2::text IS NULL OR display_name ILIKE '%' || $2 || '%' OR phone_e164 LIKE '%' || $2 || '%')
          ORDER BY display_name NULLS LAST, phone_e164, id LIMIT $3`,
        [tenantId, q, limit],
      );
      return rows.map(contact);
    },
    async createOrGet({ tenantId, phoneE164, displayName }) {
      // ON CONFLICT keeps two members typing the same number at once from creating two contacts.
      const r = await sql.one<ContactRow>(
        `INSERT INTO contacts (tenant_id, phone_e164, wa_id, display_name) VALUES ($1, $2, $3, $4)
         ON CONFLICT (tenant_id, phone_e164) WHERE phone_e164 IS NOT NULL DO NOTHING RETURNING ${CONTACT_COLUMNS}`,
        [tenantId, phoneE164, phoneE164.slice(1), displayName],
      );
      if (r) return { contact: contact(r), created: true };
      const existing = await byPhone(tenantId, phoneE164);
      if (!existing) throw new Error(`contact ${phoneE164} vanished during create`);
      return { contact: existing, created: false };
    },
  };
}
