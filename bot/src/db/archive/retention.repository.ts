import type { RetentionCandidate, RetentionPort } from '../../ports/index.js';
import type { Sql } from '../sql.js';

/**
 * Retention's statements (docs/archive.md, "Retention and legal hold"). The archive's trigger lets exactly one change
 * of a record through, its `content` set to null (`payload`, derived from it, follows), and only while `bridgeline.retention_purge` is on in the
 * transaction: `purge` turns it on with `set_config(…, true)` (SET LOCAL), so it ends with the transaction that also
 * writes the tombstone.
 */

type CandidateRow = {
  id: string;
  created_at: Date;
  at_text: string;
  contact_id: string;
  thread_id: string;
  sender_member_id: string | null;
  status: string;
  participant_ids: string[];
};

/** The cursor of a page: the message's time as the database spells it (microseconds and all) and its id. */
const cursorOf = (r: CandidateRow) => `${r.at_text}|${r.id}`;
const NO_CURSOR = ['-infinity', '00000000-0000-0000-0000-000000000000'];

const CANDIDATES = `
  SELECT m.id, m.created_at, m.created_at::text AS at_text, m.contact_id, m.thread_id, m.sender_member_id, m.status,
         ARRAY(SELECT DISTINCT tm.member_id::text FROM thread_members tm
                WHERE tm.tenant_id = m.tenant_id AND tm.thread_id = m.thread_id) AS participant_ids
    FROM messages m
   WHERE m.tenant_id = $1 AND m.content_purged_at IS NULL AND m.created_at < $2
     AND (m.created_at, m.id) > ($3::timestamptz, $4::uuid)
   ORDER BY m.created_at, m.id
   LIMIT $5`;

/** The words of a message go; what it was, who sent it, when and how it fared stay. */
const PURGE_MESSAGES = `
  UPDATE messages SET text = NULL, sent_text = NULL,
         template = CASE WHEN template IS NULL THEN NULL ELSE jsonb_set(template, '{parameters}', '[]'::jsonb) END,
         content_purged_at = $3
   WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND content_purged_at IS NULL
     AND status NOT IN ('held', 'queued', 'sending')
  RETURNING id, media_id, direction, provider_message_id`;

/** A media row is purged once no message whose content stays still shows it. */
const PURGE_MEDIA = `
  UPDATE media md SET state = 'purged', purged_at = $3, updated_at = $3
   WHERE md.tenant_id = $1 AND md.id = ANY($2::uuid[]) AND md.state <> 'purged'
     AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.media_id = md.id AND m.content_purged_at IS NULL)
  RETURNING md.id`;

const PURGE_RECORDS_OF_MESSAGES = `
  UPDATE archive_records SET content = NULL
   WHERE tenant_id = $1 AND (payload->'message'->>'id') = ANY($2::text[]) AND content IS NOT NULL
  RETURNING seq`;

/** A contact's consent answer is the text of their message: it goes with that message. */
const PURGE_RECORDS_OF_ANSWERS = `
  UPDATE archive_records SET content = NULL
   WHERE tenant_id = $1 AND (payload->'details'->>'answerProviderMessageId') = ANY($2::text[])
     AND content IS NOT NULL
  RETURNING seq`;

/**
 * The purged seqs as ranges, as few as the chain allows: consecutive purged seqs form one range, and so do purged
 * seqs with only records without content (or already purged) between them; a record whose content stays splits them.
 * So a range never covers content that is still there, and the verifier accepts a missing content only where
 * retention removed it.
 */
const RANGES = `
  WITH purged AS (SELECT DISTINCT unnest($2::bigint[]) AS seq),
  bounds AS (SELECT min(seq) AS lo, max(seq) AS hi FROM purged),
  marks AS (
    SELECT seq, true AS purged FROM purged
    UNION ALL
    SELECT r.seq, false FROM archive_records r, bounds b
     WHERE r.tenant_id = $1 AND r.seq BETWEEN b.lo AND b.hi
       AND r.payload->'content' <> 'null'::jsonb AND r.payload->'contentSha256' <> 'null'::jsonb),
  grouped AS (SELECT seq, purged, count(*) FILTER (WHERE NOT purged) OVER (ORDER BY seq) AS g FROM marks)
  SELECT min(seq) AS lo, max(seq) AS hi FROM grouped WHERE purged GROUP BY g ORDER BY 1`;

export function retentionRepository(sql: Sql): RetentionPort {
  return {
    async tenants() {
      return (await sql.rows<{ id: string }>('SELECT id FROM tenants ORDER BY id')).map((r) => r.id);
    },
    async candidates(tenantId, before, after, limit) {
      const cursor = after ? after.split('|') : NO_CURSOR;
      const rows = await sql.rows<CandidateRow>(CANDIDATES, [tenantId, before, cursor[0], cursor[1], limit]);
      return rows.map((r): RetentionCandidate => ({
        id: r.id,
        cursor: cursorOf(r),
        createdAt: r.created_at,
        contactId: r.contact_id,
        threadId: r.thread_id,
        senderMemberId: r.sender_member_id,
        participantIds: r.participant_ids,
        awaitingDelivery: r.status === 'held' || r.status === 'queued' || r.status === 'sending',
      }));
    },
    async purge(tenantId, messageIds, at) {
      if (messageIds.length === 0) return { messages: 0, media: 0, records: 0, ranges: [] };
      await sql.rows(`SELECT set_config('bridgeline.retention_purge', 'on', true) AS purging`);
      const messages = await sql.rows<{
        id: string;
        media_id: string | null;
        direction: string;
        provider_message_id: string | null;
      }>(PURGE_MESSAGES, [tenantId, messageIds, at]);
      const mediaIds = [...new Set(messages.flatMap((m) => (m.media_id ? [m.media_id] : [])))];
      const media = mediaIds.length > 0 ? await sql.rows(PURGE_MEDIA, [tenantId, mediaIds, at]) : [];
      const seqs = (
        await sql.rows<{ seq: string }>(PURGE_RECORDS_OF_MESSAGES, [tenantId, messages.map((m) => m.id)])
      ).map((r) => Number(r.seq));
      const answers = messages.flatMap((m) =>
        m.direction === 'in' && m.provider_message_id ? [m.provider_message_id] : [],
      );
      if (answers.length > 0)
        for (const r of await sql.rows<{ seq: string }>(PURGE_RECORDS_OF_ANSWERS, [tenantId, answers]))
          seqs.push(Number(r.seq));
      const ranges =
        seqs.length > 0
          ? (await sql.rows<{ lo: string; hi: string }>(RANGES, [tenantId, seqs])).map(
              (r): [number, number] => [Number(r.lo), Number(r.hi)],
            )
          : [];
      return { messages: messages.length, media: media.length, records: seqs.length, ranges };
    },
    async mediaBytesDue(tenantId, limit) {
      const rows = await sql.rows<{ id: string; storage_key: string | null; shared: boolean }>(
        `SELECT md.id, md.storage_key,
                EXISTS (SELECT 1 FROM media o WHERE o.tenant_id = md.tenant_id AND o.storage_key = md.storage_key
                           AND o.state <> 'purged') AS shared
           FROM media md
          WHERE md.tenant_id = $1 AND md.state = 'purged' AND md.bytes_released_at IS NULL
          ORDER BY md.id LIMIT $2`,
        [tenantId, limit],
      );
      return rows.map((r) => ({ id: r.id, storageKey: r.storage_key, shared: r.shared }));
    },
    async mediaBytesDeleted(tenantId, ids, at) {
      if (ids.length === 0) return;
      await sql.exec(
        'UPDATE media SET bytes_released_at = $3 WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
        [tenantId, ids, at],
      );
    },
  };
}
