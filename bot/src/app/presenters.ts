import type { Contact, Me, MemberSummary, Message, Thread } from '@bridgeline/shared';
import { canResendOptIn } from '../domain/consent.js';
import { noticeText } from '../domain/notices.js';
import { smsFallbackOffered } from '../domain/sms/index.js';
import { windowAt } from '../domain/window.js';
import { phoneForReading } from './phone.js';
import type { ContactRecord, MemberRecord, MessageRecord, ThreadSummary } from '../ports/index.js';

/** Records → the API's shapes (shared/src/api.ts). */

export function presentMe(m: MemberRecord): Me {
  return {
    id: m.id,
    email: m.email,
    displayName: m.displayName,
    tenantId: m.tenantId,
    aadObjectId: m.aadObjectId,
    region: m.region,
    enabled: m.enabled,
    isAdmin: m.isAdmin,
    ...(m.smsNumber ? { smsNumber: m.smsNumber } : {}),
    smsNumberId: m.smsNumberId,
  };
}

export function presentMember(m: MemberRecord): MemberSummary {
  return {
    id: m.id,
    email: m.email,
    displayName: m.displayName,
    region: m.region,
    enabled: m.enabled,
    isAdmin: m.isAdmin,
    aadObjectId: m.aadObjectId,
    smsNumberId: m.smsNumberId,
    smsNumber: m.smsNumber,
  };
}

export function presentContact(c: ContactRecord): Contact {
  return {
    id: c.id,
    displayName: c.displayName,
    phone: c.phoneE164,
    phoneDisplay: c.phoneE164 ? phoneForReading(c.phoneE164) : null,
    waId: c.waId,
    username: c.username,
    createdAt: c.createdAt.toISOString(),
  };
}

/** Meta's time for what the contact sent (it may reach us late), the release for a held message, else when stored. */
function happenedAt(m: MessageRecord): Date {
  if (m.direction === 'in') return m.providerTimestamp ?? m.createdAt;
  return m.releasedAt ?? m.createdAt;
}

export function presentMessage(m: MessageRecord): Message {
  const out: Message = {
    id: m.id,
    threadId: m.threadId,
    direction: m.direction,
    type: m.type,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    happenedAt: happenedAt(m).toISOString(),
    position: m.seq,
  };
  if (m.clientMessageId) out.clientMessageId = m.clientMessageId;
  if (m.direction === 'notice' && m.noticeKind) {
    out.text = m.text ?? noticeText(m.noticeKind, m.noticeParams ?? {});
    out.notice = { kind: m.noticeKind, params: m.noticeParams ?? {} };
  } else if (m.text !== null) out.text = m.text;
  if (m.mediaId) out.mediaId = m.mediaId;
  if (m.template)
    out.template = {
      name: m.template.name,
      language: m.template.language,
      parameters: m.template.parameters,
    };
  if (m.senderMemberId) out.sender = { memberId: m.senderMemberId, displayName: m.senderName ?? '' };
  if (m.error) out.error = m.error;
  if (m.providerMessageId) out.providerMessageId = m.providerMessageId;
  if (m.dlpFlags && m.dlpFlags.length > 0) out.flags = m.dlpFlags.map((ruleName) => ({ ruleName }));
  return out;
}

export function presentThread(
  s: ThreadSummary,
  now: Date,
  viewer?: Pick<MemberRecord, 'smsNumberId'>,
): Thread {
  const window = windowAt(s.pair.lastInboundAt, now);
  return {
    id: s.thread.id,
    channel: s.thread.channel,
    state: s.thread.state,
    unassigned: s.thread.unassigned,
    region: s.thread.region,
    contact: presentContact(s.contact),
    members: s.members.map((m) => ({
      memberId: m.memberId,
      displayName: m.displayName,
      joinedAt: m.joinedAt.toISOString(),
      historyFrom: m.historyFrom.toISOString(),
    })),
    consent: s.pair.consent,
    reachability: s.pair.reachability,
    window: { open: window.open, closesAt: window.closesAt?.toISOString() ?? null },
    heldCount: s.heldCount,
    lastMessage: s.lastMessage ? presentMessage(s.lastMessage) : null,
    unreadCount: s.unreadCount,
    canResendOptIn:
      s.thread.channel === 'whatsapp' &&
      s.pair.consent === 'requested' &&
      canResendOptIn({
        consent: s.pair.consent,
        reachability: s.pair.reachability,
        lastRequestedAt: s.pair.lastRequestedAt,
        now,
      }),
    smsFallback: smsFallbackOffered({
      channel: s.thread.channel,
      reachability: s.pair.reachability,
      memberSmsNumberId: viewer?.smsNumberId ?? null,
      contactPhone: s.contact.phoneE164,
    }),
    createdAt: s.thread.createdAt.toISOString(),
    updatedAt: s.thread.lastActivityAt.toISOString(),
  };
}
