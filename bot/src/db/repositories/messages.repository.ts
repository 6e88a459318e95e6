import { pendingEntryOf, type PendingEntry } from '../archive/archive.repository.js';
import type { MessageRecord, PairKey, RejoinRequestRecord, Store } from '../../ports/index.js';
import type { Sql } from '../sql.js';

type MessageRowTyped = {
  id: string;
  tenant_id: string;
  thread_id: string;
  business_number_id: string;
  contact_id: string;
  seq: string;
  direction: MessageRecord['direction'];
  type: MessageRecord['type'];
  text: string | null;
  sent_text: string | null;
  media_id: string | null;
  template: MessageRecord['template'];
  sender_member_id: string | null;
  sender_name: string | null;
  client_message_id: string | null;
  status: MessageRecord['status'];
  hold_reason: MessageRecord['holdReason'];
  error: MessageRecord['error'];
  provider_message_id: string | null;
  reply_to_provider_id: string | null;
  provider_timestamp: Date | null;
  released_at?: Date | null;
  notice_kind: MessageRecord['noticeKind'];
  notice_params: MessageRecord['noticeParams'];
  created_at: Date;
  dlp_flags?: string[] | null;
  dlp_version?: string | null;
};
const COLS = `m.id, m.tenant_id, m.thread_id, m.business_number_id, m.contact_id, m.seq, m.direction, m.type, m.text,
  m.sent_text, m.media_id, m.template, m.sender_member_id, s.display_name AS sender_name, m.client_message_id, m.status,
  m.hold_reason, m.error, m.provider_message_id, m.reply_to_provider_id, m.provider_timestamp, m.notice_kind,
  m.notice_params, m.created_at, m.dlp_flags, m.dlp_version, m.released_at`;
const FROM = 'messages m LEFT JOIN members s ON s.id = m.sender_member_id';

/** Columns of a message row, for queries that select a message next to other rows (with a prefix). */
export const MESSAGE_COLUMNS = [
  'id',
  'tenant_id',
  'thread_id',
  'business_number_id',
  'contact_id',
  'seq',
  'direction',
  'type',
  'text',
  'sent_text',
  'media_id',
  'template',
  'sender_member_id',
  'client_message_id',
  'status',
  'hold_reason',
  'error',
  'provider_message_id',
  'reply_to_provider_id',
  'provider_timestamp',
  'notice_kind',
  'notice_params',
  'created_at',
  'dlp_flags',
  'dlp_version',
  'released_at',
] as const;

export const messageOf = (r: MessageRowTyped): MessageRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  threadId: r.thread_id,
  businessNumberId: r.business_number_id,
  contactId: r.contact_id,
  seq: Number(r.seq),
  direction: r.direction,
  type: r.type,
  text: r.text,
  sentText: r.sent_text,
  mediaId: r.media_id,
  template: r.template,
  senderMemberId: r.sender_member_id,
  senderName: r.sender_name,
  clientMessageId: r.client_message_id,
  status: r.status,
  holdReason: r.hold_reason,
  error: r.error,
  providerMessageId: r.provider_message_id,
  replyToProviderId: r.reply_to_provider_id,
  providerTimestamp: r.provider_timestamp,
  releasedAt: r.released_at ?? null,
  noticeKind: r.notice_kind,
  noticeParams: r.notice_params,
  createdAt: r.created_at,
  dlpFlags: r.dlp_flags ?? null,
  dlpVersion: r.dlp_version ?? null,
});

const PAIR = 'm.tenant_id = $1 AND m.business_number_id = $2 AND m.contact_id = $3';
const pairParams = (k: PairKey) => [k.tenantId, k.businessNumberId, k.contactId];

export function messagesRepository(sql: Sql): Store['messages'] {
  const byId = async (tenantId: string, id: string) => {
    const r = await sql.one<MessageRowTyped>(
      `SELECT ${COLS} FROM ${FROM} WHERE m.tenant_id = $1 AND m.id = $2`,
      [tenantId, id],
    );
    return r && messageOf(r);
  };
  return {
    byId,
    async byClientId(tenantId, senderMemberId, clientMessageId) {
      const r = await sql.one<MessageRowTyped>(
        `SELECT ${COLS} FROM ${FROM} WHERE m.tenant_id = $1 AND m.sender_member_id = $2 AND m.client_message_id = $3`,
        [tenantId, senderMemberId, clientMessageId],
      );
      return r && messageOf(r);
    },
    async byProviderId(providerMessageId) {
      const r = await sql.one<MessageRowTyped>(
        `SELECT ${COLS} FROM ${FROM} WHERE m.provider_message_id = $1`,
        [providerMessageId],
      );
      return r && messageOf(r);
    },
    async insert(m) {
      // DO NOTHING on the client id and provider id: a retried request or a redelivered webhook stores nothing twice.
      const r = await sql.one<{ id: string }>(
        `INSERT INTO messages (tenant_id, thread_id, business_number_id, contact_id, direction, type, text, sent_text,
            media_id, template, sender_member_id, client_message_id, status, hold_reason, provider_message_id,
            reply_to_provider_id, provider_timestamp, notice_kind, notice_params, created_at, updated_at, dlp_flags,
            dlp_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20, $21, $22)
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          m.tenantId,
          m.threadId,
          m.businessNumberId,
          m.contactId,
          m.direction,
          m.type,
          m.text,
          m.sentText ?? null,
          m.mediaId,
          m.template === null ? null : JSON.stringify(m.template),
          m.senderMemberId,
          m.clientMessageId,
          m.status,
          m.holdReason,
          m.providerMessageId,
          m.replyToProviderId,
          m.providerTimestamp ?? null,
          m.noticeKind ?? null,
          m.noticeParams ? JSON.stringify(m.noticeParams) : null,
          m.createdAt,
          m.dlpFlags && m.dlpFlags.length > 0 ? JSON.stringify(m.dlpFlags) : null,
          m.dlpVersion ?? null,
        ],
      );
      return r ? byId(m.tenantId, r.id) : null;
    },
    async list(threadId, view, beforeSeq, limit) {
      const rows = await sql.rows<MessageRowTyped>(
        `SELECT ${COLS} FROM ${FROM}
          WHERE m.thread_id = $1 AND m.created_at >= $2 AND ($3::timestamptz IS NULL OR m.created_at <= $3)
            AND ($4::bigint IS NULL OR m.seq < $4)
          ORDER BY m.seq DESC LIMIT $5`,
        [threadId, view.from, view.until, beforeSeq, limit],
      );
      return rows.map(messageOf);
    },
    async heldCount(k) {
      const r = await sql.one<{ n: string }>(
        `SELECT count(*) AS n FROM messages m WHERE ${PAIR} AND m.status = 'held'`,
        pairParams(k),
      );
      return Number(r?.n ?? 0);
    },
    async releaseHeld(k, at) {
      // Put behind the opt-in confirmation: released a millisecond after it, so the thread shows them after it too.
      const rows = await sql.rows<{ id: string }>(
        `UPDATE messages m SET status = 'queued', hold_reason = NULL, updated_at = now(),
            released_at = $4::timestamptz + CASE WHEN m.send_after_seq IS NULL THEN interval '0' ELSE interval '1 millisecond' END
          WHERE ${PAIR} AND m.status = 'held' RETURNING m.id, m.seq`,
        [...pairParams(k), at],
      );
      return rows.map((r) => r.id);
    },
    async putBehind(k, seq) {
      await sql.exec(
        `UPDATE messages m SET send_after_seq = $4, updated_at = now()
          WHERE ${PAIR} AND m.status = 'held' AND m.seq < $4`,
        [...pairParams(k), seq],
      );
    },
    async nextQueued(k) {
      const r = await sql.one<MessageRowTyped>(
        `SELECT ${COLS} FROM ${FROM} WHERE ${PAIR} AND m.status = 'queued'
          ORDER BY COALESCE(m.send_after_seq, m.seq), m.send_after_seq IS NOT NULL, m.seq LIMIT 1 FOR UPDATE OF m SKIP LOCKED`,
        pairParams(k),
      );
      return r && messageOf(r);
    },
    async holdAgain(id, from, error: MessageRecord['error']) {
      const n = await sql.exec(
        `UPDATE messages SET status = 'held', hold_reason = 'window', provider_message_id = NULL,
            error = COALESCE($3, error), updated_at = now()
          WHERE id = $1 AND status = ANY($2::text[])`,
        [id, from, error ? JSON.stringify(error) : null],
      );
      return n === 1;
    },
    async transition(id, from, to, patch = {}) {
      const n = await sql.exec(
        `UPDATE messages SET status = $3, provider_message_id = COALESCE($4, provider_message_id),
            error = CASE WHEN $7 THEN NULL ELSE COALESCE($5, error) END, sent_text = COALESCE($6, sent_text),
            updated_at = now()
          WHERE id = $1 AND status = ANY($2::text[])`,
        [
          id,
          from,
          to,
          patch.providerMessageId ?? null,
          patch.error ? JSON.stringify(patch.error) : null,
          patch.sentText ?? null,
          patch.error === null,
        ],
      );
      return n === 1;
    },
  };
}

type RejoinRow = {
  id: string;
  tenant_id: string;
  thread_id: string;
  member_id: string;
  display_name: string;
  state: RejoinRequestRecord['state'];
  created_at: Date;
};
const rejoin = (r: RejoinRow): RejoinRequestRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  threadId: r.thread_id,
  memberId: r.member_id,
  displayName: r.display_name,
  state: r.state,
  createdAt: r.created_at,
});
const R_COLS = 'r.id, r.tenant_id, r.thread_id, r.member_id, m.display_name, r.state, r.created_at';

export function rejoinRepository(sql: Sql): Store['rejoin'] {
  const byId = async (tenantId: string, id: string) => {
    const r = await sql.one<RejoinRow>(
      `SELECT ${R_COLS} FROM rejoin_requests r JOIN members m ON m.id = r.member_id WHERE r.tenant_id = $1 AND r.id = $2`,
      [tenantId, id],
    );
    return r && rejoin(r);
  };
  return {
    byId,
    async create(i) {
      const r = await sql.one<{ id: string }>(
        `INSERT INTO rejoin_requests (tenant_id, thread_id, member_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
        [i.tenantId, i.threadId, i.memberId, i.at],
      );
      return (await byId(i.tenantId, r!.id))!;
    },
    async pending(threadId) {
      const rows = await sql.rows<RejoinRow>(
        `SELECT ${R_COLS} FROM rejoin_requests r JOIN members m ON m.id = r.member_id
          WHERE r.thread_id = $1 AND r.state = 'pending' ORDER BY r.created_at`,
        [threadId],
      );
      return rows.map(rejoin);
    },
    async decide(id, state, by, at) {
      const n = await sql.exec(
        `UPDATE rejoin_requests SET state = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND state = 'pending'`,
        [id, state, by, at],
      );
      return n === 1;
    },
  };
}

/** Every domain event appended is archived too, sealed into the tenant's chain when the transaction commits. */
export function eventsRepository(sql: Sql, archive: PendingEntry[]): Store['events'] {
  return {
    async append(e) {
      archive.push(
        pendingEntryOf({
          tenantId: e.tenantId,
          event: e.type,
          at: e.occurredAt,
          threadId: e.threadId ?? null,
          messageId: e.messageId ?? messageIdOf(e.payload),
          actorMemberId: e.actorMemberId ?? null,
          subjectMemberId: e.subjectMemberId ?? null,
          details: e.payload ?? {},
        }),
      );
      await sql.exec(
        `INSERT INTO domain_events (tenant_id, type, thread_id, actor_member_id, payload, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          e.tenantId,
          e.type,
          e.threadId ?? null,
          e.actorMemberId ?? null,
          JSON.stringify(e.payload ?? {}),
          e.occurredAt,
        ],
      );
    },
  };
}

/** The message a `message.*` event is about: its payload names it (`messageId`). */
const messageIdOf = (payload: Record<string, unknown> | undefined): string | null =>
  typeof payload?.messageId === 'string' ? payload.messageId : null;
