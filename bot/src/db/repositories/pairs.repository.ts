import { pendingEntryOf, type PendingEntry } from '../archive/archive.repository.js';
import type { ConsentEventRecord, PairKey, PairRecord, Store } from '../../ports/index.js';
import type { Sql } from '../sql.js';

type PairRow = {
  tenant_id: string;
  business_number_id: string;
  contact_id: string;
  state: PairRecord['consent'];
  reachability: PairRecord['reachability'];
  last_requested_at: Date | null;
  last_inbound_at: Date | null;
  resume_requested_at: Date | null;
};
const COLS =
  'tenant_id, business_number_id, contact_id, state, reachability, last_requested_at, last_inbound_at, resume_requested_at';
const pair = (r: PairRow): PairRecord => ({
  tenantId: r.tenant_id,
  businessNumberId: r.business_number_id,
  contactId: r.contact_id,
  consent: r.state,
  reachability: r.reachability,
  lastRequestedAt: r.last_requested_at,
  lastInboundAt: r.last_inbound_at,
  resumeRequestedAt: r.resume_requested_at,
});
const WHERE = 'tenant_id = $1 AND business_number_id = $2 AND contact_id = $3';
const keyParams = (k: PairKey) => [k.tenantId, k.businessNumberId, k.contactId];

export function pairsRepository(sql: Sql, archive: PendingEntry[]): Store['pairs'] {
  const ensure = (k: PairKey) =>
    sql.exec(
      `INSERT INTO consents (tenant_id, business_number_id, contact_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      keyParams(k),
    );
  return {
    async lock(k) {
      await ensure(k);
      const r = await sql.one<PairRow>(
        `SELECT ${COLS} FROM consents WHERE ${WHERE} FOR UPDATE`,
        keyParams(k),
      );
      return pair(r!);
    },
    async get(k) {
      const r = await sql.one<PairRow>(`SELECT ${COLS} FROM consents WHERE ${WHERE}`, keyParams(k));
      return r
        ? pair(r)
        : {
            ...k,
            consent: 'none',
            reachability: 'ok',
            lastRequestedAt: null,
            lastInboundAt: null,
            resumeRequestedAt: null,
          };
    },
    async setConsent(k, from, to) {
      const n = await sql.exec(
        `UPDATE consents SET state = $5, updated_at = now() WHERE ${WHERE} AND state = $4`,
        [...keyParams(k), from, to],
      );
      return n === 1;
    },
    async update(k, p) {
      await sql.exec(
        `UPDATE consents SET
           reachability = COALESCE($4, reachability),
           last_requested_at = COALESCE($5, last_requested_at),
           last_inbound_at = GREATEST(last_inbound_at, $6),
           resume_requested_at = COALESCE($7, resume_requested_at),
           updated_at = now()
         WHERE ${WHERE}`,
        [
          ...keyParams(k),
          p.reachability ?? null,
          p.lastRequestedAt ?? null,
          p.lastInboundAt ?? null,
          p.resumeRequestedAt ?? null,
        ],
      );
    },
    async appendEvent(e) {
      archive.push(
        pendingEntryOf(
          {
            tenantId: e.tenantId,
            event: `consent.${e.kind}`,
            at: e.occurredAt,
            contactId: e.contactId,
            businessNumberId: e.businessNumberId,
            messageId: e.requestMessageId ?? null,
            actorMemberId: e.requestedBy ?? null,
            details: {
              kind: e.kind,
              basis: e.basis,
              template: e.templateName
                ? { name: e.templateName, language: e.templateLanguage ?? null }
                : null,
              answerProviderMessageId: e.answerProviderMessageId ?? null,
              ...(e.answerText ? { answerText: e.answerText } : {}),
            },
          },
          `consent.${e.kind}`,
        ),
      );
      await sql.exec(
        `INSERT INTO consent_events (tenant_id, business_number_id, contact_id, kind, basis, requested_by, template_name,
            template_language, request_message_id, answer_provider_message_id, answer_text, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          ...keyParams(e),
          e.kind,
          e.basis,
          e.requestedBy ?? null,
          e.templateName ?? null,
          e.templateLanguage ?? null,
          e.requestMessageId ?? null,
          e.answerProviderMessageId ?? null,
          e.answerText ?? null,
          e.occurredAt,
        ],
      );
    },
    async events(k) {
      const rows = await sql.rows<Record<string, unknown>>(
        `SELECT * FROM consent_events WHERE ${WHERE} ORDER BY id`,
        keyParams(k),
      );
      return rows.map((r): ConsentEventRecord & { id: number } => ({
        id: Number(r.id),
        tenantId: r.tenant_id as string,
        businessNumberId: r.business_number_id as string,
        contactId: r.contact_id as string,
        kind: r.kind as ConsentEventRecord['kind'],
        basis: r.basis as string,
        requestedBy: r.requested_by as string | null,
        templateName: r.template_name as string | null,
        templateLanguage: r.template_language as string | null,
        requestMessageId: r.request_message_id as string | null,
        answerProviderMessageId: r.answer_provider_message_id as string | null,
        answerText: r.answer_text as string | null,
        occurredAt: r.occurred_at as Date,
      }));
    },
  };
}
