import { pendingEntryOf, type PendingEntry } from '../archive/archive.repository.js';
import type { Channel } from '@bridgeline/shared';
import type { Store } from '../../ports/index.js';
import type { Sql } from '../sql.js';
import { MESSAGE_COLUMNS, messageOf } from './messages.repository.js';

type ClaimRow = Parameters<typeof messageOf>[0] & { channel: Channel | null; active_members: string };

const CLAIMED_COLUMNS = MESSAGE_COLUMNS.map((c) => `c.${c}`).join(', ');

/**
 * Lock the pair's first queued message (oldest, except those put behind a confirmation) and move it to `sending` — or to `sent` when a status webhook already recorded
 * Meta's id, so it is never sent twice — unless a message of the pair is still `sending`: a pair has one message in
 * flight at a time, whichever drain asks. Answered with its sender's name, its thread's channel and how many members
 * the thread has now (the name prefix). The claim's time (`sending_at`, the application's clock) is what the sweep of
 * unanswered sends measures from. Run after PAIR_LOCK in the same transaction, so its snapshot sees every claim
 * committed before it.
 */
const CLAIM_NEXT = `
  WITH next AS (
    SELECT m.id FROM messages m
     WHERE m.tenant_id = $1 AND m.business_number_id = $2 AND m.contact_id = $3 AND m.status = 'queued'
       AND NOT EXISTS (SELECT 1 FROM messages f
                        WHERE f.tenant_id = $1 AND f.business_number_id = $2 AND f.contact_id = $3
                          AND f.status = 'sending')
     -- A message put behind the opt-in confirmation (send_after_seq) leaves right after it, in its own order.
     ORDER BY COALESCE(m.send_after_seq, m.seq), m.send_after_seq IS NOT NULL, m.seq
     LIMIT 1 FOR UPDATE OF m SKIP LOCKED
  ), c AS (
    UPDATE messages u
       SET status = CASE WHEN u.provider_message_id IS NULL THEN 'sending' ELSE 'sent' END, updated_at = now(),
           sending_at = CASE WHEN u.provider_message_id IS NULL THEN $4::timestamptz ELSE u.sending_at END
      FROM next WHERE u.id = next.id AND u.status = 'queued'
    RETURNING u.*
  )
  SELECT ${CLAIMED_COLUMNS}, s.display_name AS sender_name, t.channel,
         (SELECT count(*) FROM thread_members p WHERE p.thread_id = c.thread_id AND p.left_at IS NULL) AS active_members
    FROM c LEFT JOIN members s ON s.id = c.sender_member_id LEFT JOIN threads t ON t.id = c.thread_id`;

/**
 * Claims of one pair, one transaction at a time (held to its end): two drains of a pair at once — a job retried while
 * the first still runs, or a second job queued behind it — never both see "nothing in flight". Another pair's claim
 * never waits; a hash collision between two pairs only makes one wait a moment.
 */
const PAIR_LOCK = `SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`;

/** One statement: the guarded sending → sent with Meta's id, and the append-only `message.sent` event. */
const RECORD_SENT = `
  WITH sent AS (
    UPDATE messages SET status = 'sent', provider_message_id = COALESCE($2, provider_message_id),
           sent_text = COALESCE($3, sent_text), updated_at = now()
     WHERE id = $1 AND status = 'sending'
  )
  INSERT INTO domain_events (tenant_id, type, thread_id, actor_member_id, payload, occurred_at)
  VALUES ($4, 'message.sent', $5, NULL, $6, $7)`;

/**
 * Sends Meta never answered: in `sending` without its id since the bound or earlier (a crash between the claim and
 * the answer), oldest first, locked (SKIP LOCKED: another sweep moves on). One scan of messages_unconfirmed_send_idx.
 */
const UNCONFIRMED_SENDS = `
  SELECT ${MESSAGE_COLUMNS.map((c) => `m.${c}`).join(', ')}, s.display_name AS sender_name, m.sending_at
    FROM messages m LEFT JOIN members s ON s.id = m.sender_member_id
   WHERE m.status = 'sending' AND m.provider_message_id IS NULL AND m.sending_at <= $1
   ORDER BY m.sending_at LIMIT $2 FOR UPDATE OF m SKIP LOCKED`;

/**
 * Pairs with a queued message older than the bound and nothing in `sending`: their drain died or ended before the
 * message committed (src/domain/stalled-pair.ts). Held messages are not looked at. One scan of messages_outbox_idx
 * (partial: only messages not yet handed to Meta).
 */
const STALLED_PAIRS = `
  SELECT m.tenant_id, m.business_number_id, m.contact_id, min(m.updated_at) AS oldest_queued_at
    FROM messages m
   WHERE m.status = 'queued'
     AND NOT EXISTS (SELECT 1 FROM messages f
                      WHERE f.tenant_id = m.tenant_id AND f.business_number_id = m.business_number_id
                        AND f.contact_id = m.contact_id AND f.status = 'sending')
   GROUP BY m.tenant_id, m.business_number_id, m.contact_id
  HAVING min(m.updated_at) <= $1
   ORDER BY min(m.updated_at) LIMIT $2`;

/**
 * The newest inbound message with a wamid up to the given point, if it has no receipt yet. Two readers at once: the
 * second waits for the first's row lock, then finds `read_receipt_at` set and claims nothing.
 */
const CLAIM_READ_RECEIPT = `
  UPDATE messages SET read_receipt_at = $3
   WHERE id = (SELECT id FROM messages
                WHERE thread_id = $1 AND direction = 'in' AND seq <= $2 AND provider_message_id IS NOT NULL
                ORDER BY seq DESC LIMIT 1)
     AND read_receipt_at IS NULL
  RETURNING id`;

export function deliveryRepository(sql: Sql, archive: PendingEntry[]): Store['delivery'] {
  return {
    async claimReadReceipt(threadId, upToSeq, at) {
      const [r] = await sql.rows<{ id: string }>(CLAIM_READ_RECEIPT, [threadId, upToSeq, at]);
      return r?.id ?? null;
    },
    async claimNext(k, now) {
      await sql.prepared(PAIR_LOCK, [`${k.tenantId}:${k.businessNumberId}:${k.contactId}`]);
      const [r] = await sql.prepared<ClaimRow>(CLAIM_NEXT, [
        k.tenantId,
        k.businessNumberId,
        k.contactId,
        now,
      ]);
      if (!r) return null;
      const message = messageOf(r);
      if (r.channel === null) throw new Error(`message ${message.id} lost its thread`);
      return {
        message,
        skipped: message.status === 'sent',
        channel: r.channel,
        activeMembers: Number(r.active_members),
      };
    },
    async unconfirmedSends(claimedBy, limit) {
      const rows = await sql.rows<Parameters<typeof messageOf>[0] & { sending_at: Date }>(UNCONFIRMED_SENDS, [
        claimedBy,
        limit,
      ]);
      return rows.map((r) => ({ message: messageOf(r), sendingAt: r.sending_at }));
    },
    async stalledPairs(queuedBy, limit) {
      const rows = await sql.rows<{
        tenant_id: string;
        business_number_id: string;
        contact_id: string;
        oldest_queued_at: Date;
      }>(STALLED_PAIRS, [queuedBy, limit]);
      return rows.map((r) => ({
        tenantId: r.tenant_id,
        businessNumberId: r.business_number_id,
        contactId: r.contact_id,
        oldestQueuedAt: r.oldest_queued_at,
        inFlight: false,
      }));
    },
    async recordSent(i) {
      archive.push(
        pendingEntryOf({
          tenantId: i.message.tenantId,
          event: 'message.sent',
          at: i.occurredAt,
          threadId: i.message.threadId,
          messageId: i.message.id,
          details: { messageId: i.message.id, providerMessageId: i.providerMessageId },
        }),
      );
      await sql.prepared(RECORD_SENT, [
        i.message.id,
        i.providerMessageId,
        i.sentText,
        i.message.tenantId,
        i.message.threadId,
        JSON.stringify({
          messageId: i.message.id,
          providerMessageId: i.providerMessageId,
          content: i.content,
        }),
        i.occurredAt,
      ]);
    },
  };
}
