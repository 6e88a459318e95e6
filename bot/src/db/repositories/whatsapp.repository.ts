import type { Store } from '../../ports/index.js';
import type { WebhookEventsPort } from '../../whatsapp/webhook/webhook-inbox.port.js';
import type { Sql } from '../sql.js';
import { CONTACT_COLUMNS, contact as contactOf, type ContactRow } from './contacts.repository.js';

export function identitiesRepository(sql: Sql): Store['identities'] {
  const find: Store['identities']['find'] = async (tenantId, ids) => {
    const phones = ids.waIds.map((w) => `+${w}`);
    // The BSUID first: it names one WhatsApp account, whatever number it has today.
    const r = await sql.one<ContactRow>(
      `SELECT ${CONTACT_COLUMNS} FROM contacts
        WHERE tenant_id = $1 AND ((bsuid IS NOT NULL AND bsuid = $2) OR wa_id = ANY($3::text[])
          OR phone_e164 = ANY($4::text[]))
        ORDER BY (bsuid IS NOT NULL AND bsuid = $2) DESC, created_at, id LIMIT 1`,
      [tenantId, ids.bsuid, ids.waIds, phones],
    );
    return r && contactOf(r);
  };
  return {
    find,
    async createOrGet(input) {
      // DO NOTHING on any of the unique identities: two webhooks from a new contact at once give one contact.
      const r = await sql.one<ContactRow>(
        `INSERT INTO contacts (tenant_id, phone_e164, wa_id, bsuid, username, display_name)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING ${CONTACT_COLUMNS}`,
        [input.tenantId, input.phoneE164, input.waId, input.bsuid, input.username, input.displayName],
      );
      if (r) return contactOf(r);
      const waIds = [input.waId, input.phoneE164?.slice(1)].filter((v): v is string => !!v);
      const existing = await find(input.tenantId, { waIds, bsuid: input.bsuid });
      if (!existing) throw new Error('contact vanished during create');
      return existing;
    },
    async complete(tenantId, id, input) {
      await sql.exec(
        `UPDATE contacts SET
            phone_e164 = COALESCE(phone_e164, $3),
            wa_id = COALESCE($4, wa_id),
            bsuid = COALESCE(bsuid, $5),
            username = COALESCE($6, username),
            display_name = COALESCE(display_name, $7),
            updated_at = now()
          WHERE tenant_id = $1 AND id = $2
            AND (phone_e164 IS NULL AND $3::text IS NOT NULL OR wa_id IS DISTINCT FROM COALESCE($4, wa_id)
              OR bsuid IS NULL AND $5::text IS NOT NULL OR username IS DISTINCT FROM COALESCE($6, username)
              OR display_name IS NULL AND $7::text IS NOT NULL)
            AND NOT EXISTS (SELECT 1 FROM contacts o WHERE o.tenant_id = $1 AND o.id <> $2
              AND (o.wa_id = $4 OR o.bsuid = $5 OR o.phone_e164 = $3))`,
        [tenantId, id, input.phoneE164, input.waId, input.bsuid, input.username, input.displayName],
      );
    },
  };
}

export function webhookEventsRepository(sql: Sql): WebhookEventsPort {
  return {
    async record(e) {
      const n = await sql.exec(
        `INSERT INTO webhook_events (tenant_id, body_sha256, body, signature, received_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [e.tenantId, e.bodySha256, e.body, e.signature, e.receivedAt],
      );
      return n === 1;
    },
  };
}

export function statusesRepository(sql: Sql): Store['statuses'] {
  return {
    async record(s) {
      const n = await sql.exec(
        `INSERT INTO message_statuses (tenant_id, message_id, provider_message_id, status, error, occurred_at,
            business_number_id, pricing_model, pricing_type, pricing_category, billable)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING`,
        [
          s.tenantId,
          s.messageId,
          s.providerMessageId,
          s.status,
          s.error ? JSON.stringify(s.error) : null,
          s.occurredAt,
          s.businessNumberId ?? null,
          s.pricing?.model ?? null,
          s.pricing?.type ?? null,
          s.pricing?.category ?? null,
          s.pricing?.billable ?? null,
        ],
      );
      return n === 1;
    },
    async attemptFailed(tenantId, providerMessageId) {
      const r = await sql.one<{ one: number }>(
        `SELECT 1 AS one FROM message_statuses WHERE tenant_id = $1 AND provider_message_id = $2 AND status = 'failed'`,
        [tenantId, providerMessageId],
      );
      return r !== null;
    },
  };
}
