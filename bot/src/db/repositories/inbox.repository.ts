import type { InboxBatch, InboxItem, InboxPort } from '../../whatsapp/webhook/webhook-inbox.port.js';
import type { Sql } from '../sql.js';

/** Advisory lock namespace of inbox lanes (any constant unique to this use). */
const LANE_LOCK = 7_341_022;

type ItemRow = { id: string; tenant_id: string; kind: InboxItem['kind']; payload: unknown; attempts: number };

/**
 * The webhook edge's one statement: the raw body per tenant and every item of a known business number, each once.
 * One statement is one transaction, so it may run on its own (autocommit) or inside a unit of work.
 */
export async function acceptInbox(
  sql: Pick<Sql, 'prepared'>,
  b: InboxBatch,
): Promise<{ knownNumbers: string[]; lanes: number[] }> {
  // Prepared (planned once per connection): planning this CTE cost more than running it.
  const [r] = await sql.prepared<{ known: string[] | null; lanes: number[] | null }>(
    `WITH r AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS r(phone_number_id text, kind text, provider_id text, lane integer, payload jsonb, rejected text)
       ), n AS (
         SELECT tenant_id, provider_number_id FROM business_numbers
          WHERE channel = $7 AND provider_number_id = ANY($6::text[])
       ), ev AS (
         INSERT INTO webhook_events (tenant_id, body_sha256, body, signature, received_at)
         SELECT DISTINCT n.tenant_id, $2, $3, $4, $5::timestamptz FROM n ON CONFLICT DO NOTHING
       ), ins AS (
         INSERT INTO webhook_inbox (tenant_id, kind, provider_id, lane, payload, received_at, state, error, processed_at)
         SELECT n.tenant_id, r.kind, r.provider_id, r.lane, r.payload, $5::timestamptz,
                CASE WHEN r.rejected IS NULL THEN 'pending' ELSE 'rejected' END, r.rejected,
                CASE WHEN r.rejected IS NOT NULL THEN $5::timestamptz END
           FROM r JOIN n ON n.provider_number_id = r.phone_number_id
         ON CONFLICT DO NOTHING RETURNING CASE WHEN state = 'pending' THEN lane END AS lane
       )
       SELECT (SELECT array_agg(DISTINCT provider_number_id) FROM n) AS known,
              (SELECT array_agg(DISTINCT lane) FILTER (WHERE lane IS NOT NULL) FROM ins) AS lanes`,
    [
      JSON.stringify(
        b.items.map((i) => ({
          phone_number_id: i.phoneNumberId,
          kind: i.kind,
          provider_id: i.providerId,
          lane: i.lane,
          payload: i.payload,
          rejected: i.rejected ?? null,
        })),
      ),
      b.bodySha256,
      b.body,
      b.signature,
      b.receivedAt,
      [...new Set(b.items.map((i) => i.phoneNumberId))],
      b.channel ?? 'whatsapp',
    ],
  );
  return { knownNumbers: r?.known ?? [], lanes: (r?.lanes ?? []).map(Number) };
}

export function inboxRepository(sql: Sql): InboxPort {
  return {
    accept: (b) => acceptInbox(sql, b),
    async next(lane, now, limit) {
      const lock = await sql.one<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock($1, $2) AS ok`, [
        LANE_LOCK,
        lane,
      ]);
      if (!lock?.ok) return 'busy';
      const rows = await sql.rows<ItemRow>(
        `SELECT id, tenant_id, kind, payload, attempts FROM webhook_inbox
          WHERE lane = $1 AND processed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= $2)
          ORDER BY id LIMIT $3`,
        [lane, now, limit],
      );
      return rows.map((r) => ({
        id: String(r.id),
        tenantId: r.tenant_id,
        kind: r.kind,
        payload: r.payload,
        attempts: r.attempts,
      }));
    },
    async done(ids, now) {
      await sql.exec(
        `UPDATE webhook_inbox SET processed_at = $2, error = NULL, state = 'applied' WHERE id = ANY($1::bigint[])`,
        [ids, now],
      );
    },
    async failed(id, error, retryAt, now) {
      await sql.exec(
        `UPDATE webhook_inbox SET attempts = attempts + 1, error = $2, next_attempt_at = $3,
            processed_at = CASE WHEN $3::timestamptz IS NULL THEN $4::timestamptz END,
            state = CASE WHEN $3::timestamptz IS NULL THEN 'given_up' ELSE 'pending' END
          WHERE id = $1`,
        [id, error, retryAt, now],
      );
    },
    async dueLanes(now) {
      const rows = await sql.rows<{ lane: number }>(
        `SELECT DISTINCT lane FROM webhook_inbox
          WHERE processed_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= $1)`,
        [now],
      );
      return rows.map((r) => Number(r.lane));
    },
  };
}
