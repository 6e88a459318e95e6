import type { ArchiveContent, ArchiveDraft } from './chain.js';

/**
 * What an archive record says, built from the facts of the change it records (read in the same transaction). The
 * record names people by every identity an auditor may search on: a contact by phone, WhatsApp id, business-scoped
 * user id and username; a member by Entra object id and e-mail. Words (a message's text, caption and template
 * parameters, a contact's opt-in answer) go in `content`, which retention may purge; everything else stays.
 */
export interface ArchiveFacts {
  thread: { id: string; channel: string; state: string } | null;
  contact: {
    id: string;
    displayName: string | null;
    phone: string | null;
    waId: string | null;
    userId: string | null;
    username: string | null;
  } | null;
  businessNumber: { id: string; channel: string; phone: string; providerNumberId: string } | null;
  message: {
    id: string;
    direction: string;
    type: string;
    status: string;
    text: string | null;
    /** The text handed to Meta, when it differs from what the member wrote (a group thread prefixes the sender). */
    sentText: string | null;
    template: { name: string; language: string; parameters: string[] } | null;
    providerMessageId: string | null;
    providerTimestamp: string | null;
    clientMessageId: string | null;
    holdReason: string | null;
    error: unknown;
    noticeKind: string | null;
  } | null;
  media: {
    id: string;
    type: string | null;
    size: number | null;
    sha256: string | null;
    name: string | null;
  } | null;
  /** Who wrote the message (a member), or who made the change. */
  actor: MemberFacts | null;
  /** The member a membership change is about, or an admin change's member. */
  subject: MemberFacts | null;
}

export interface MemberFacts {
  id: string;
  aadObjectId: string | null;
  email: string;
  displayName: string;
}

/** The archive type of a domain event (`message.received` → `message.in`, membership notices → `member.*`). */
export function archiveTypeOf(eventType: string): string {
  switch (eventType) {
    case 'message.received':
      return 'message.in';
    case 'message.queued':
    case 'message.held':
      return 'message.out';
    case 'message.sending':
    case 'message.sent':
    case 'message.delivered':
    case 'message.read':
    case 'message.failed':
      return 'message.status';
    case 'notice.member_added':
      return 'member.joined';
    case 'notice.member_removed':
      return 'member.removed';
    case 'notice.member_left':
      return 'member.left';
    case 'notice.member_rejoined':
      return 'member.rejoined';
    case 'notice.transferred':
      return 'member.transferred';
    case 'notice.claimed':
      return 'member.claimed';
    case 'rejoin.requested':
      return 'member.rejoin_requested';
    case 'rejoin.declined':
      return 'member.rejoin_declined';
    case 'notice.thread_closed':
      return 'thread.closed';
    case 'media.stored':
      return 'message.media';
    // Data loss prevention (docs/dlp.md): each decision and each review is its own record.
    case 'dlp.blocked':
    case 'dlp.redacted':
    case 'dlp.flagged':
    case 'dlp.review_resolved':
      return eventType;
    case 'dlp.original':
      return 'message.original';
    // WhatsApp account health (docs/admin.md): Meta's changes to the templates and the business numbers.
    case 'template.status_changed':
    case 'template.quality_changed':
      return 'whatsapp.template';
    case 'number.health_changed':
      return 'whatsapp.number_health';
    default:
      return eventType.startsWith('notice.') ? 'thread.notice' : eventType;
  }
}

/** The record, less what sealing adds (`seq`, `contentSha256`). `details` is what the change itself said. */
export function buildArchiveRecord(input: {
  tenantId: string;
  type: string;
  at: Date;
  event: string;
  facts: ArchiveFacts;
  details: Record<string, unknown>;
}): ArchiveDraft {
  const { facts } = input;
  const message = facts.message;
  const content = contentOf(input.type, message, input.details);
  const { answerText: _answer, dlpContent: _original, ...details } = input.details;
  return {
    tenantId: input.tenantId,
    type: input.type,
    at: input.at.toISOString(),
    event: input.event,
    channel: facts.thread?.channel ?? facts.businessNumber?.channel ?? null,
    thread: facts.thread ? { id: facts.thread.id } : null,
    contact: facts.contact,
    businessNumber: facts.businessNumber,
    actor: facts.actor,
    subject: facts.subject,
    message: message
      ? {
          id: message.id,
          direction: message.direction,
          type: message.type,
          status: message.status,
          providerMessageId: message.providerMessageId,
          providerTimestamp: message.providerTimestamp,
          clientMessageId: message.clientMessageId,
          holdReason: message.holdReason,
          error: message.error ?? null,
          noticeKind: message.noticeKind,
          template: message.template
            ? { name: message.template.name, language: message.template.language }
            : null,
          media: facts.media,
        }
      : null,
    details,
    content,
  };
}

/** The words of the record: only message records carry a message's text, the others what the change said. */
function contentOf(
  type: string,
  message: ArchiveFacts['message'],
  details: Record<string, unknown>,
): ArchiveContent | null {
  if (typeof details.answerText === 'string') return { answerText: details.answerText };
  // What a member wrote before DLP redacted or blocked it: in the archive's content only, never in the message row.
  if (isContent(details.dlpContent)) return details.dlpContent;
  if (type === 'message.status' && message?.sentText) return { sentText: message.sentText };
  if (!message || (type !== 'message.in' && type !== 'message.out' && type !== 'thread.notice')) return null;
  const content: ArchiveContent = {};
  if (message.text !== null) content.text = message.text;
  if (message.template) content.templateParameters = message.template.parameters;
  return Object.keys(content).length > 0 ? content : null;
}

const isContent = (value: unknown): value is ArchiveContent =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
