import type {
  NumberHealthChangeRecord,
  NumberHealthRecord,
  RestrictionRecord,
  Store,
} from '../../ports/index.js';
import type { Sql } from '../sql.js';

/** WhatsApp account health (issue 18): numbers' standing and its history, priced messages, the rate card. */

type RestrictionJson = { type: string; expiresAt: string | null };
const restrictionsOf = (json: RestrictionJson[] | null): RestrictionRecord[] =>
  (json ?? []).map((r) => ({ type: r.type, expiresAt: r.expiresAt ? new Date(r.expiresAt) : null }));
const restrictionsJson = (r: RestrictionRecord[]) =>
  JSON.stringify(r.map((x) => ({ type: x.type, expiresAt: x.expiresAt?.toISOString() ?? null })));

type NumberRow = {
  id: string;
  tenant_id: string;
  display_phone: string;
  region: NumberHealthRecord['region'];
  waba_id: string | null;
  quality_rating: string | null;
  messaging_limit: string | null;
  restrictions: RestrictionJson[] | null;
  health_updated_at: Date | null;
};
const NUMBER_COLS = `id, tenant_id, display_phone, region, waba_id, quality_rating, messaging_limit, restrictions,
  health_updated_at`;
const numberOf = (r: NumberRow): NumberHealthRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  displayPhone: r.display_phone,
  region: r.region,
  wabaId: r.waba_id,
  qualityRating: r.quality_rating,
  messagingLimit: r.messaging_limit,
  restrictions: restrictionsOf(r.restrictions),
  updatedAt: r.health_updated_at,
});

export function numberHealthRepository(sql: Sql): Store['numberHealth'] {
  return {
    async lockOfWaba(tenantId, wabaId) {
      const rows = await sql.rows<NumberRow>(
        `SELECT ${NUMBER_COLS} FROM business_numbers
          WHERE tenant_id = $1 AND waba_id = $2 AND channel = 'whatsapp' ORDER BY id FOR UPDATE`,
        [tenantId, wabaId],
      );
      return rows.map(numberOf);
    },
    async list(tenantId) {
      const rows = await sql.rows<NumberRow>(
        `SELECT ${NUMBER_COLS} FROM business_numbers WHERE tenant_id = $1 AND channel = 'whatsapp'
          ORDER BY region, display_phone`,
        [tenantId],
      );
      return rows.map(numberOf);
    },
    async update(tenantId, id, s, at) {
      await sql.exec(
        `UPDATE business_numbers SET quality_rating = $3, messaging_limit = $4, restrictions = $5::jsonb,
            health_updated_at = $6
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id, s.qualityRating, s.messagingLimit, restrictionsJson(s.restrictions), at],
      );
    },
    async appendChange(c) {
      await sql.exec(
        `INSERT INTO number_health_events (tenant_id, business_number_id, event, quality_rating, messaging_limit,
            restrictions, downgrade, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
        [
          c.tenantId,
          c.businessNumberId,
          c.event,
          c.qualityRating,
          c.messagingLimit,
          restrictionsJson(c.restrictions),
          c.downgrade,
          c.occurredAt,
        ],
      );
    },
    async history(tenantId, ids, perNumber) {
      if (ids.length === 0) return [];
      const rows = await sql.rows<{
        business_number_id: string;
        event: string;
        quality_rating: string | null;
        messaging_limit: string | null;
        restrictions: RestrictionJson[];
        downgrade: boolean;
        occurred_at: Date;
      }>(
        `SELECT business_number_id, event, quality_rating, messaging_limit, restrictions, downgrade, occurred_at
           FROM (SELECT e.*, row_number() OVER (PARTITION BY business_number_id ORDER BY id DESC) AS n
                   FROM number_health_events e WHERE tenant_id = $1 AND business_number_id = ANY($2::uuid[])) h
          WHERE n <= $3 ORDER BY business_number_id, occurred_at DESC`,
        [tenantId, ids, perNumber],
      );
      return rows.map((r): NumberHealthChangeRecord => ({
        tenantId,
        businessNumberId: r.business_number_id,
        event: r.event,
        qualityRating: r.quality_rating,
        messagingLimit: r.messaging_limit,
        restrictions: restrictionsOf(r.restrictions),
        downgrade: r.downgrade,
        occurredAt: r.occurred_at,
      }));
    },
  };
}

export function usageRepository(sql: Sql): Store['usage'] {
  return {
    async priced(tenantId, from, to, cutoff) {
      // Meta prices a message on each of its statuses (sent, delivered, read) alike: the first one counts.
      const rows = await sql.rows<{
        business_number_id: string | null;
        display_phone: string | null;
        member_id: string | null;
        member_name: string | null;
        pricing_type: string | null;
        pricing_category: string | null;
        billable: boolean | null;
        first_at: Date;
        messages: string;
      }>(
        `WITH firsts AS (
           SELECT DISTINCT ON (provider_message_id) provider_message_id, message_id, business_number_id,
                  pricing_type, pricing_category, billable, occurred_at
             FROM message_statuses
            WHERE tenant_id = $1 AND (pricing_type IS NOT NULL OR pricing_category IS NOT NULL)
              AND occurred_at >= $2 AND occurred_at < $3
            ORDER BY provider_message_id, occurred_at, id)
         SELECT COALESCE(f.business_number_id, m.business_number_id) AS business_number_id,
                b.display_phone, m.sender_member_id AS member_id, p.display_name AS member_name,
                f.pricing_type, f.pricing_category, f.billable, min(f.occurred_at) AS first_at,
                count(*) AS messages
           FROM firsts f
           LEFT JOIN messages m ON m.id = f.message_id AND m.tenant_id = $1
           LEFT JOIN business_numbers b ON b.tenant_id = $1 AND b.id = COALESCE(f.business_number_id, m.business_number_id)
           LEFT JOIN members p ON p.tenant_id = $1 AND p.id = m.sender_member_id
          GROUP BY 1, 2, 3, 4, 5, 6, 7, f.occurred_at >= $4
          ORDER BY 1, 3, 5, 6`,
        [tenantId, from, to, cutoff],
      );
      return rows.map((r) => ({
        businessNumberId: r.business_number_id,
        displayPhone: r.display_phone,
        memberId: r.member_id,
        memberName: r.member_name,
        pricingType: r.pricing_type,
        category: r.pricing_category,
        billable: r.billable,
        firstAt: new Date(r.first_at),
        messages: Number(r.messages),
      }));
    },
  };
}

export function rateCardsRepository(sql: Sql): Store['rateCards'] {
  return {
    async get(tenantId) {
      const rows = await sql.rows<{ category: string; currency: string; price: string; updated_at: Date }>(
        `SELECT category, currency, price, updated_at FROM rate_cards WHERE tenant_id = $1 ORDER BY category`,
        [tenantId],
      );
      if (rows.length === 0) return null;
      return {
        currency: rows[0]!.currency,
        rates: rows.map((r) => ({
          category: r.category as 'marketing' | 'utility' | 'authentication' | 'service',
          price: Number(r.price),
        })),
        updatedAt: rows.reduce<Date | null>(
          (latest, r) => (latest === null || r.updated_at > latest ? r.updated_at : latest),
          null,
        ),
      };
    },
    async put(tenantId, card, by, at) {
      await sql.exec(`DELETE FROM rate_cards WHERE tenant_id = $1`, [tenantId]);
      for (const r of card.rates)
        await sql.exec(
          `INSERT INTO rate_cards (tenant_id, category, currency, price, updated_by, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [tenantId, r.category, card.currency, r.price, by, at],
        );
    },
  };
}
