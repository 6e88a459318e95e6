import {
  type PagedSummary,
  type PairRecord,
  type Store,
  type ThreadListFilter,
  type ThreadRecord,
  type ThreadSummary,
} from '../../ports/index.js';
import { MESSAGE_COLUMNS, messageOf } from './messages.repository.js';
import type { Sql } from '../sql.js';
import { escapeLike } from './people.repository.js';
import { searchTerms } from './search.js';

type ThreadRow = {
  id: string;
  tenant_id: string;
  business_number_id: string;
  contact_id: string;
  channel: ThreadRecord['channel'];
  region: ThreadRecord['region'];
  state: ThreadRecord['state'];
  unassigned: boolean;
  restricted: boolean;
  created_at: Date;
  last_activity_at: Date;
  last_message_id: string | null;
};
const COLS =
  't.id, t.tenant_id, t.business_number_id, t.contact_id, t.channel, t.region, t.state, t.unassigned, t.restricted, t.created_at, t.last_activity_at, t.last_message_id';
export const threadOf = (r: ThreadRow): ThreadRecord => ({
  id: r.id,
  tenantId: r.tenant_id,
  businessNumberId: r.business_number_id,
  contactId: r.contact_id,
  channel: r.channel,
  region: r.region,
  state: r.state,
  unassigned: r.unassigned,
  restricted: r.restricted,
  createdAt: r.created_at,
  lastActivityAt: r.last_activity_at,
  lastMessageId: r.last_message_id,
});

/** The part of a thread's messages a search may look into: `from`/`until` are SQL expressions of the query. */
type Visible = { from: string; until: string | null };

/**
 * Shared filters of inbox queries; `$1` is the tenant, the rest are appended. The search matches the contact's name,
 * their number written any way, or words of the messages the member can see (`visible`): the full-text index finds
 * the candidate threads once (a hashed subplan), then only those are checked against the member's history.
 */
function filters(
  f: ThreadListFilter,
  params: unknown[],
  sortCol: string,
  idCol: string,
  visible: Visible,
): string {
  const parts: string[] = [];
  if (f.channel) {
    params.push(f.channel);
    parts.push(`t.channel = $${params.length}`);
  }
  const terms = f.query ? searchTerms(f.query, escapeLike) : null;
  if (terms) {
    params.push(terms.like, terms.digits, terms.tsquery);
    const [like, digits, ts] = [params.length - 2, params.length - 1, params.length].map((n) => `$${n}`);
    const match = `to_tsvector('simple', m.text) @@ to_tsquery('simple', ${ts})`;
    parts.push(
      `(EXISTS (SELECT 1 FROM contacts c WHERE c.tenant_id = t.tenant_id AND c.id = t.contact_id
          AND (c.display_name ILIKE '%' || ${like} || '%' OR c.phone_e164 LIKE '%' || ${like} || '%'
               OR (${digits}::text IS NOT NULL AND c.phone_e164 LIKE '%' || ${digits} || '%')))
        OR (${ts}::text IS NOT NULL
          AND t.id IN (SELECT m.thread_id FROM messages m WHERE m.tenant_id = $1 AND m.direction <> 'notice'
                          AND m.text IS NOT NULL AND ${match})
          AND EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = t.id AND m.direction <> 'notice'
                         AND m.text IS NOT NULL AND m.created_at >= ${visible.from}
                         ${visible.until ? `AND m.created_at <= ${visible.until}` : ''} AND ${match})))`,
    );
  }
  if (f.after) {
    params.push(f.after.lastActivityAt, f.after.threadId);
    parts.push(`(${sortCol}, ${idCol}) < ($${params.length - 1}, $${params.length}::uuid)`);
  }
  return parts.map((p) => ` AND ${p}`).join('');
}

export function threadsRepository(sql: Sql): Store['threads'] {
  return {
    async byId(tenantId, id) {
      const r = await sql.one<ThreadRow>(
        `SELECT ${COLS} FROM threads t WHERE t.tenant_id = $1 AND t.id = $2`,
        [tenantId, id],
      );
      return r && threadOf(r);
    },
    async lock(tenantId, id) {
      const r = await sql.one<ThreadRow>(
        `SELECT ${COLS} FROM threads t WHERE t.tenant_id = $1 AND t.id = $2 FOR UPDATE`,
        [tenantId, id],
      );
      return r && threadOf(r);
    },
    async create(i) {
      const r = await sql.one<ThreadRow>(
        `INSERT INTO threads AS t (tenant_id, business_number_id, contact_id, channel, region, unassigned, created_by,
            created_at, last_activity_at, restricted)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING ${COLS}`,
        [
          i.tenantId,
          i.businessNumberId,
          i.contactId,
          i.channel,
          i.region,
          i.unassigned,
          i.createdBy,
          i.createdAt,
          i.restricted ?? false,
        ],
      );
      return threadOf(r!);
    },
    async openForPair(k) {
      const rows = await sql.rows<ThreadRow>(
        `SELECT ${COLS} FROM threads t
          WHERE t.tenant_id = $1 AND t.business_number_id = $2 AND t.contact_id = $3 AND t.state = 'open'
          ORDER BY t.last_activity_at DESC`,
        [k.tenantId, k.businessNumberId, k.contactId],
      );
      return rows.map(threadOf);
    },
    async byProviderMessageId(tenantId, providerMessageId) {
      const r = await sql.one<ThreadRow>(
        `SELECT ${COLS} FROM messages m JOIN threads t ON t.id = m.thread_id
          WHERE m.provider_message_id = $2 AND t.tenant_id = $1`,
        [tenantId, providerMessageId],
      );
      return r && threadOf(r);
    },
    async close(tenantId, id, at) {
      const n = await sql.exec(
        `UPDATE threads SET state = 'closed', closed_at = $3, unassigned = false
          WHERE tenant_id = $1 AND id = $2 AND state = 'open'`,
        [tenantId, id, at],
      );
      return n === 1;
    },
    async claim(tenantId, id) {
      const n = await sql.exec(
        `UPDATE threads SET unassigned = false WHERE tenant_id = $1 AND id = $2 AND unassigned AND state = 'open'`,
        [tenantId, id],
      );
      return n === 1;
    },
    async touch(tenantId, id, at, lastMessageId) {
      await sql.exec(
        `UPDATE threads SET last_activity_at = GREATEST(last_activity_at, $3), last_message_id = $4
          WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id, at, lastMessageId],
      );
      await sql.exec(
        `UPDATE thread_members SET last_activity_at = GREATEST(last_activity_at, $3),
            unread_count = unread_count + (SELECT CASE WHEN m.direction = 'in' THEN 1 ELSE 0 END FROM messages m WHERE m.id = $4)
          WHERE tenant_id = $1 AND thread_id = $2 AND left_at IS NULL`,
        [tenantId, id, at, lastMessageId],
      );
    },
    async inbox(tenantId, memberId, f) {
      const params: unknown[] = [tenantId, memberId];
      if (f.state === 'left' || f.state === 'closed') {
        // Threads the member was in and is not in any more: open ones can be rejoined, closed ones restarted.
        const where = filters(f, params, 't.last_activity_at', 't.id', {
          from: 'p.history_from',
          until: 'p.left_until',
        });
        return pageOfSummaries(
          sql,
          `SELECT t.id AS thread_id, 0 AS unread_count, p.history_from, t.last_activity_at AS sort_at
             FROM threads t
             JOIN LATERAL (SELECT min(history_from) AS history_from, max(left_at) AS left_until FROM thread_members p
                            WHERE p.thread_id = t.id AND p.member_id = $2) p ON p.history_from IS NOT NULL
            WHERE t.tenant_id = $1 AND t.state = '${f.state === 'left' ? 'open' : 'closed'}'
              AND NOT EXISTS (SELECT 1 FROM thread_members a WHERE a.thread_id = t.id AND a.member_id = $2 AND a.left_at IS NULL)
              ${where}
            ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ${pageLimit(f.limit)}`,
          params,
        );
      }
      const where = filters(f, params, 'tm.last_activity_at', 'tm.thread_id', {
        from: 'tm.history_from',
        until: null,
      });
      return pageOfSummaries(
        sql,
        `SELECT tm.thread_id, tm.unread_count, tm.history_from, tm.last_activity_at AS sort_at
           FROM thread_members tm ${f.channel || f.query?.trim() ? 'JOIN threads t ON t.id = tm.thread_id' : ''}
          WHERE tm.tenant_id = $1 AND tm.member_id = $2 AND tm.left_at IS NULL ${where}
          ORDER BY tm.last_activity_at DESC, tm.thread_id DESC LIMIT ${pageLimit(f.limit)}`,
        params,
      );
    },
    async startedByMember(tenantId, contactId) {
      const r = await sql.one<{ yes: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM threads WHERE tenant_id = $1 AND contact_id = $2 AND created_by IS NOT NULL)
             AS yes`,
        [tenantId, contactId],
      );
      return r?.yes === true;
    },
    async unassigned(tenantId, region, f, includeRestricted = false) {
      const params: unknown[] = [tenantId, region];
      const where = filters(f, params, 't.last_activity_at', 't.id', { from: 't.created_at', until: null });
      return pageOfSummaries(
        sql,
        `SELECT t.id AS thread_id, 0 AS unread_count, t.created_at AS history_from, t.last_activity_at AS sort_at
           FROM threads t
          WHERE t.tenant_id = $1 AND t.region = $2 AND t.unassigned AND t.state = 'open'
            ${includeRestricted ? '' : 'AND NOT t.restricted'} ${where}
          ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ${pageLimit(f.limit)}`,
        params,
      );
    },
    async summaries(tenantId, page) {
      if (page.length === 0) return [];
      const rows = await sql.rows<SummaryRow>(
        summariesSql(
          `unnest($2::uuid[], $3::int[], $4::timestamptz[], $5::timestamptz[]) AS page(thread_id, unread_count, history_from, sort_at)`,
        ),
        [
          tenantId,
          page.map((p) => p.threadId),
          page.map((p) => p.unreadCount),
          page.map((p) => p.historyFrom),
          page.map((p) => p.sortAt),
        ],
      );
      return rows.map(summaryOf);
    },
  };
}

/**
 * The page size goes into the statement's text, not a parameter: with a parameter PostgreSQL cannot cost the plan once
 * for all executions and replans the whole page query every time (~0.6 ms of a ~1 ms query).
 */
function pageLimit(limit: number): number {
  return Math.min(Math.max(Math.trunc(limit), 1), 100);
}

/** One statement: the page query (keyset, index range scan) and everything the inbox shows about each row. */
async function pageOfSummaries(sql: Sql, pageSql: string, params: unknown[]): Promise<PagedSummary[]> {
  const rows = await sql.prepared<SummaryRow>(summariesSql(`(${pageSql}) AS page`), params);
  return rows.map((r) => ({ ...summaryOf(r), sortAt: r.sort_at }));
}

// One statement for a whole page: contact, consent and window, members, held and unread counts, last visible message,
// and the tenant's DLP policy token (one uncorrelated subquery, run once per statement): showing the last messages
// redacted needs no read of its own.
// Unread counts come from the counter kept on thread_members, never from counting messages.
const LAST_MESSAGE_COLS = MESSAGE_COLUMNS.map((c) => `lm.${c} AS lm_${c}`).join(', ');

const summariesSql = (pageSource: string) => `
SELECT ${COLS}, page.sort_at,
  c.display_name AS c_display_name, c.phone_e164 AS c_phone_e164, c.wa_id AS c_wa_id, c.bsuid AS c_bsuid,
  c.username AS c_username, c.created_at AS c_created_at,
  cs.state AS consent, cs.reachability, cs.last_requested_at, cs.last_inbound_at, cs.resume_requested_at,
  page.unread_count AS unread,
  (SELECT count(*) FROM messages m
    WHERE m.tenant_id = t.tenant_id AND m.business_number_id = t.business_number_id AND m.contact_id = t.contact_id
      AND m.status = 'held') AS held,
  t.members,
  ${LAST_MESSAGE_COLS}, lms.display_name AS lm_sender_name,
  (SELECT v.version FROM dlp_policy_versions v WHERE v.tenant_id = $1) AS dlp_version
FROM ${pageSource}
JOIN threads t ON t.id = page.thread_id AND t.tenant_id = $1
JOIN contacts c ON c.id = t.contact_id
LEFT JOIN consents cs
  ON cs.tenant_id = t.tenant_id AND cs.business_number_id = t.business_number_id AND cs.contact_id = t.contact_id
LEFT JOIN messages lm ON lm.id = t.last_message_id AND lm.created_at >= page.history_from
LEFT JOIN members lms ON lms.id = lm.sender_member_id
ORDER BY page.sort_at DESC, page.thread_id DESC`;

type SummaryRow = ThreadRow & {
  c_display_name: string | null;
  c_phone_e164: string | null;
  c_wa_id: string | null;
  c_bsuid: string | null;
  c_username: string | null;
  c_created_at: Date;
  consent: PairRecord['consent'] | null;
  reachability: PairRecord['reachability'] | null;
  last_requested_at: Date | null;
  last_inbound_at: Date | null;
  resume_requested_at: Date | null;
  unread: string;
  held: string;
  members: { memberId: string; displayName: string; joinedAt: string; historyFrom: string }[];
  sort_at: Date;
  lm_id: string | null;
  dlp_version: string | null;
  [lmColumn: `lm_${string}`]: unknown;
};

const date = (v: unknown): Date => new Date(v as string);

function summaryOf(r: SummaryRow): ThreadSummary {
  const thread = threadOf(r);
  const key = {
    tenantId: thread.tenantId,
    businessNumberId: thread.businessNumberId,
    contactId: thread.contactId,
  };
  const lm =
    r.lm_id === null
      ? null
      : Object.fromEntries([...MESSAGE_COLUMNS, 'sender_name'].map((c) => [c, r[`lm_${c}`]]));
  return {
    thread,
    contact: {
      id: thread.contactId,
      tenantId: thread.tenantId,
      displayName: r.c_display_name,
      phoneE164: r.c_phone_e164,
      waId: r.c_wa_id,
      bsuid: r.c_bsuid,
      username: r.c_username,
      createdAt: r.c_created_at,
    },
    pair: {
      ...key,
      consent: r.consent ?? 'none',
      reachability: r.reachability ?? 'ok',
      lastRequestedAt: r.last_requested_at,
      lastInboundAt: r.last_inbound_at,
      resumeRequestedAt: r.resume_requested_at,
    },
    members: r.members.map((m) => ({ ...m, joinedAt: date(m.joinedAt), historyFrom: date(m.historyFrom) })),
    heldCount: Number(r.held),
    unreadCount: Number(r.unread),
    lastMessage: lm === null ? null : messageOf(lm as Parameters<typeof messageOf>[0]),
    dlpPolicyVersion: r.dlp_version,
  };
}
