import type { LiveEvent } from '@bridgeline/shared';
import { contactNoticeText, noticeText, type NoticeKind, type NoticeParams } from '../domain/notices.js';
import { decideSend } from '../domain/send-decision.js';
import type { MessageRecord, Store, TemplateContent, ThreadRecord } from '../ports.js';
import { deliverKey, pairKeyOf } from './context.js';

/**
 * What every change in a thread does besides its own rows: a notice line, the thread's activity time, live events to
 * connected tabs, and the append-only domain event log.
 */

export function publish(store: Store, thread: ThreadRecord, event: LiveEvent): void {
  store.live.publish({ ...event, tenantId: thread.tenantId });
}

export async function scheduleDelivery(store: Store, thread: ThreadRecord): Promise<void> {
  await store.jobs.send({ name: 'deliver', data: pairKeyOf(thread), singletonKey: deliverKey(thread) });
}

/** A message row became part of the thread: move the thread up the inboxes and tell the tabs. */
export async function threadGained(
  store: Store,
  thread: ThreadRecord,
  message: MessageRecord,
): Promise<void> {
  await store.threads.touch(thread.tenantId, thread.id, message.createdAt, message.id);
  publish(store, thread, { type: 'message.created', threadId: thread.id, messageId: message.id });
  publish(store, thread, { type: 'thread.updated', threadId: thread.id });
}

export async function addNotice(
  store: Store,
  thread: ThreadRecord,
  kind: NoticeKind,
  params: NoticeParams,
  now: Date,
  actorMemberId: string | null = null,
): Promise<MessageRecord> {
  const notice = await store.messages.insert({
    tenantId: thread.tenantId,
    threadId: thread.id,
    businessNumberId: thread.businessNumberId,
    contactId: thread.contactId,
    direction: 'notice',
    type: 'notice',
    text: noticeText(kind, params),
    mediaId: null,
    template: null,
    senderMemberId: null,
    clientMessageId: null,
    status: 'sent',
    holdReason: null,
    providerMessageId: null,
    replyToProviderId: null,
    noticeKind: kind,
    noticeParams: params,
    createdAt: now,
  });
  await threadGained(store, thread, notice!);
  await store.events.append({
    tenantId: thread.tenantId,
    type: `notice.${kind}`,
    threadId: thread.id,
    actorMemberId,
    payload: params,
    occurredAt: now,
  });
  return notice!;
}

/**
 * Tells the contact about a change among the people they talk to. A system line is free-form text, so it goes out
 * only while the window is open: it never holds, and never triggers the resume template on its own.
 */
export async function tellContact(
  store: Store,
  thread: ThreadRecord,
  kind: NoticeKind,
  params: NoticeParams,
  now: Date,
) {
  const text = contactNoticeText(kind, params);
  if (text === null) return;
  const pair = await store.pairs.get(pairKeyOf(thread));
  const decision = decideSend(thread.channel, 'text', pair, now);
  // Consent confirmations go out right after the contact's own message, whatever the new state.
  const confirmation = kind === 'opted_out' || kind === 'opted_in' || kind === 'opted_in_nothing_held';
  if (!confirmation && !(decision.ok && decision.action === 'send')) return;
  await queueOutbound(store, thread, { type: 'text', text }, null, now);
}

/** Queues a message from the business (a member's, or a system one when `senderMemberId` is null). */
export async function queueOutbound(
  store: Store,
  thread: ThreadRecord,
  content: { type: 'text'; text: string } | { type: 'template'; template: TemplateContent },
  senderMemberId: string | null,
  now: Date,
): Promise<MessageRecord> {
  const message = await store.messages.insert({
    tenantId: thread.tenantId,
    threadId: thread.id,
    businessNumberId: thread.businessNumberId,
    contactId: thread.contactId,
    direction: 'out',
    type: content.type,
    text: content.type === 'text' ? content.text : null,
    mediaId: null,
    template: content.type === 'template' ? content.template : null,
    senderMemberId,
    clientMessageId: null,
    status: 'queued',
    holdReason: null,
    providerMessageId: null,
    replyToProviderId: null,
    createdAt: now,
  });
  await threadGained(store, thread, message!);
  await scheduleDelivery(store, thread);
  return message!;
}
