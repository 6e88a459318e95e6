import type { ArchiveFacts, MemberFacts } from '../../domain/archive/index.js';
import type { ArchiveEntry } from '../../ports/index.js';
import type { Sql } from '../sql.js';

/**
 * The facts an archive record carries, read in the transaction that made the change: the message as it now stands
 * (its text, the text actually sent, its media's SHA-256), the thread, the contact with every identity, the business
 * number and the members involved. One statement per record; every join is by primary key and within the tenant.
 */
const FACTS = `
  SELECT t.id AS t_id, t.channel AS t_channel, t.state AS t_state,
         c.id AS c_id, c.display_name AS c_name, c.phone_e164, c.wa_id, c.bsuid, c.username,
         b.id AS b_id, b.channel AS b_channel, b.display_phone, b.provider_number_id,
         m.id AS m_id, m.direction, m.type AS m_type, m.status, m.text, m.sent_text, m.template,
         m.provider_message_id, m.provider_timestamp, m.client_message_id, m.hold_reason, m.error, m.notice_kind,
         md.id AS md_id, md.mime_type, md.size_bytes, md.sha256,
         a.id AS a_id, a.aad_object_id AS a_oid, a.email AS a_email, a.display_name AS a_name,
         s.id AS s_id, s.aad_object_id AS s_oid, s.email AS s_email, s.display_name AS s_name
    FROM (SELECT $1::uuid AS tenant_id) x
    LEFT JOIN messages m ON m.id = $3::uuid AND m.tenant_id = x.tenant_id
    LEFT JOIN threads t ON t.id = COALESCE($2::uuid, m.thread_id) AND t.tenant_id = x.tenant_id
    LEFT JOIN contacts c ON c.id = COALESCE($4::uuid, m.contact_id, t.contact_id) AND c.tenant_id = x.tenant_id
    LEFT JOIN business_numbers b
           ON b.id = COALESCE($5::uuid, m.business_number_id, t.business_number_id) AND b.tenant_id = x.tenant_id
    LEFT JOIN media md ON md.id = m.media_id AND md.tenant_id = x.tenant_id
    LEFT JOIN members a ON a.id = COALESCE($6::uuid, m.sender_member_id) AND a.tenant_id = x.tenant_id
    LEFT JOIN members s ON s.id = $7::uuid AND s.tenant_id = x.tenant_id`;

type Row = Record<string, unknown>;

export async function archiveFacts(sql: Sql, entry: ArchiveEntry): Promise<ArchiveFacts> {
  const row = (
    await sql.prepared<Row>(FACTS, [
      entry.tenantId,
      entry.threadId ?? null,
      entry.messageId ?? null,
      entry.contactId ?? null,
      entry.businessNumberId ?? null,
      entry.actorMemberId ?? null,
      entry.subjectMemberId ?? null,
    ])
  )[0]!;
  const str = (key: string) => (row[key] === null || row[key] === undefined ? null : String(row[key]));
  const member = (p: 'a' | 's'): MemberFacts | null =>
    row[`${p}_id`]
      ? {
          id: String(row[`${p}_id`]),
          aadObjectId: str(`${p}_oid`),
          email: String(row[`${p}_email`]),
          displayName: String(row[`${p}_name`]),
        }
      : null;
  const template = row.template as { name: string; language: string; parameters?: string[] } | null;
  return {
    thread: row.t_id
      ? { id: String(row.t_id), channel: String(row.t_channel), state: String(row.t_state) }
      : null,
    contact: row.c_id
      ? {
          id: String(row.c_id),
          displayName: str('c_name'),
          phone: str('phone_e164'),
          waId: str('wa_id'),
          userId: str('bsuid'),
          username: str('username'),
        }
      : null,
    businessNumber: row.b_id
      ? {
          id: String(row.b_id),
          channel: String(row.b_channel),
          phone: String(row.display_phone),
          providerNumberId: String(row.provider_number_id),
        }
      : null,
    message: row.m_id
      ? {
          id: String(row.m_id),
          direction: String(row.direction),
          type: String(row.m_type),
          status: String(row.status),
          text: str('text'),
          sentText: str('sent_text'),
          template: template
            ? { name: template.name, language: template.language, parameters: template.parameters ?? [] }
            : null,
          providerMessageId: str('provider_message_id'),
          providerTimestamp: row.provider_timestamp ? (row.provider_timestamp as Date).toISOString() : null,
          clientMessageId: str('client_message_id'),
          holdReason: str('hold_reason'),
          error: row.error ?? null,
          noticeKind: str('notice_kind'),
        }
      : null,
    media: row.md_id
      ? {
          id: String(row.md_id),
          type: str('mime_type'),
          size: row.size_bytes === null ? null : Number(row.size_bytes),
          sha256: str('sha256'),
          name: null,
        }
      : null,
    actor: member('a'),
    subject: member('s'),
  };
}
