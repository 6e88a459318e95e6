import type { InboundCardRecord, TeamsConversationRecord, TeamsStore } from '../../teams/teams.store.js';
import type { Sql } from '../sql.js';
import { messageOf } from './messages.repository.js';

type ConversationRow = {
  tenant_id: string;
  member_id: string;
  aad_tenant_id: string;
  conversation_id: string;
  service_url: string;
  teams_user_id: string;
  reference: Record<string, unknown>;
};
const conversationOf = (r: ConversationRow): TeamsConversationRecord => ({
  tenantId: r.tenant_id,
  memberId: r.member_id,
  aadTenantId: r.aad_tenant_id,
  conversationId: r.conversation_id,
  serviceUrl: r.service_url,
  teamsUserId: r.teams_user_id,
  reference: r.reference,
});
const CONVERSATION_COLS =
  'tenant_id, member_id, aad_tenant_id, conversation_id, service_url, teams_user_id, reference';

type CardRow = {
  tenant_id: string;
  member_id: string;
  thread_id: string;
  conversation_id: string;
  activity_id: string;
  first_seq: string;
  last_seq: string;
  posted_at: Date;
  closed: boolean;
};
const cardOf = (r: CardRow): InboundCardRecord => ({
  tenantId: r.tenant_id,
  memberId: r.member_id,
  threadId: r.thread_id,
  conversationId: r.conversation_id,
  activityId: r.activity_id,
  firstSeq: Number(r.first_seq),
  lastSeq: Number(r.last_seq),
  postedAt: r.posted_at,
  closed: r.closed,
});

// bigint[] arrives as strings; epoch milliseconds fit a double exactly.
const times = (v: (string | number)[] | null | undefined): number[] => (v ?? []).map(Number);

const MESSAGE_COLS = `m.id, m.tenant_id, m.thread_id, m.business_number_id, m.contact_id, m.seq, m.direction, m.type,
  m.text, m.sent_text, m.media_id, m.template, m.sender_member_id, NULL AS sender_name, m.client_message_id, m.status,
  m.hold_reason, m.error, m.provider_message_id, m.reply_to_provider_id, m.provider_timestamp, m.notice_kind,
  m.notice_params, m.created_at`;

export function teamsRepository(sql: Sql): TeamsStore {
  return {
    async saveConversation(c) {
      // A member reinstalling gets a new conversation: the newest reference wins, and one chat has one member.
      await sql.exec(
        'DELETE FROM teams_conversations WHERE conversation_id = $1 AND NOT (tenant_id = $2 AND member_id = $3)',
        [c.conversationId, c.tenantId, c.memberId],
      );
      await sql.exec(
        `INSERT INTO teams_conversations
           (tenant_id, member_id, aad_tenant_id, conversation_id, service_url, teams_user_id, reference)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (tenant_id, member_id) DO UPDATE SET
           aad_tenant_id = EXCLUDED.aad_tenant_id, conversation_id = EXCLUDED.conversation_id,
           service_url = EXCLUDED.service_url, teams_user_id = EXCLUDED.teams_user_id,
           reference = EXCLUDED.reference, updated_at = now()`,
        [
          c.tenantId,
          c.memberId,
          c.aadTenantId,
          c.conversationId,
          c.serviceUrl,
          c.teamsUserId,
          JSON.stringify(c.reference),
        ],
      );
    },
    async conversationsOf(tenantId, memberIds) {
      if (memberIds.length === 0) return [];
      const rows = await sql.rows<ConversationRow>(
        `SELECT ${CONVERSATION_COLS} FROM teams_conversations WHERE tenant_id = $1 AND member_id = ANY($2::uuid[])`,
        [tenantId, memberIds],
      );
      return rows.map(conversationOf);
    },
    async byConversationId(conversationId) {
      const r = await sql.one<ConversationRow>(
        `SELECT ${CONVERSATION_COLS} FROM teams_conversations WHERE conversation_id = $1`,
        [conversationId],
      );
      return r && conversationOf(r);
    },
    async removeConversation(conversationId) {
      await sql.exec('DELETE FROM teams_inbound_cards WHERE conversation_id = $1', [conversationId]);
      return (
        (await sql.exec('DELETE FROM teams_conversations WHERE conversation_id = $1', [conversationId])) > 0
      );
    },
    async lockSendTimes(tenantId, conversationId) {
      await sql.exec('INSERT INTO teams_tenant_sends (tenant_id) VALUES ($1) ON CONFLICT DO NOTHING', [
        tenantId,
      ]);
      const tenant = await sql.one<{ send_times: string[] }>(
        'SELECT send_times FROM teams_tenant_sends WHERE tenant_id = $1 FOR UPDATE',
        [tenantId],
      );
      const conversation = await sql.one<{ send_times: string[] }>(
        'SELECT send_times FROM teams_conversations WHERE conversation_id = $1 FOR UPDATE',
        [conversationId],
      );
      return { tenant: times(tenant?.send_times), conversation: times(conversation?.send_times) };
    },
    async saveSendTimes(tenantId, conversationId, t) {
      await sql.exec('UPDATE teams_tenant_sends SET send_times = $2::bigint[] WHERE tenant_id = $1', [
        tenantId,
        t.tenant,
      ]);
      await sql.exec('UPDATE teams_conversations SET send_times = $2::bigint[] WHERE conversation_id = $1', [
        conversationId,
        t.conversation,
      ]);
    },
    async inboundCard(tenantId, memberId, threadId) {
      const r = await sql.one<CardRow>(
        `SELECT tenant_id, member_id, thread_id, conversation_id, activity_id, first_seq, last_seq, posted_at, closed
           FROM teams_inbound_cards WHERE tenant_id = $1 AND member_id = $2 AND thread_id = $3`,
        [tenantId, memberId, threadId],
      );
      return r && cardOf(r);
    },
    async saveInboundCard(c) {
      await sql.exec(
        `INSERT INTO teams_inbound_cards
           (tenant_id, member_id, thread_id, conversation_id, activity_id, first_seq, last_seq, posted_at, closed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (tenant_id, member_id, thread_id) DO UPDATE SET
           conversation_id = EXCLUDED.conversation_id, activity_id = EXCLUDED.activity_id,
           first_seq = EXCLUDED.first_seq, last_seq = EXCLUDED.last_seq, posted_at = EXCLUDED.posted_at,
           closed = EXCLUDED.closed`,
        [
          c.tenantId,
          c.memberId,
          c.threadId,
          c.conversationId,
          c.activityId,
          c.firstSeq,
          c.lastSeq,
          c.postedAt,
          c.closed,
        ],
      );
    },
    async closeInboundCard(tenantId, memberId, threadId) {
      await sql.exec(
        'UPDATE teams_inbound_cards SET closed = true WHERE tenant_id = $1 AND member_id = $2 AND thread_id = $3',
        [tenantId, memberId, threadId],
      );
    },
    async inboundSince(threadId, fromSeq, latest) {
      const count = await sql.one<{ n: string }>(
        `SELECT count(*) AS n FROM messages WHERE thread_id = $1 AND direction = 'in' AND seq >= $2`,
        [threadId, fromSeq],
      );
      const rows = await sql.rows<Parameters<typeof messageOf>[0]>(
        `SELECT ${MESSAGE_COLS} FROM messages m
          WHERE m.thread_id = $1 AND m.direction = 'in' AND m.seq >= $2 ORDER BY m.seq DESC LIMIT $3`,
        [threadId, fromSeq, latest],
      );
      return { count: Number(count?.n ?? 0), latest: rows.map(messageOf).reverse() };
    },
  };
}
