import type { LiveEvent } from '@bridgeline/shared';
import { noticeText, type NoticeKind, type NoticeParams } from '../domain/notices.js';
import type { MessageRecord, NotifyJobData, Store, TemplateContent, ThreadRecord } from '../ports/index.js';
import { deliverKey, pairKeyOf } from './context.js';
import { templateText } from './template-text.js';

/**
 * What every change in a thread does besides its own rows: a notice line, the thread's activity time, live events to
 * connected tabs, and the append-only domain event log.
 */

/** What a new message row of a thread touches: the thread's activity, the tabs, the Teams cards. */
export type GainedStore = Pick<Store, 'threads' | 'participants' | 'jobs' | 'live'>;
/** What a notice line touches: the message row, its thread's activity, the event log, the Teams cards. */
export type NoticeStore = GainedStore & Pick<Store, 'messages' | 'events'>;
/** What a message from the business touches: a notice's parts, and the template catalogue for its words. */
export type OutboundStore = NoticeStore & Pick<Store, 'templates'>;

export function publish(store: Pick<Store, 'live'>, thread: ThreadRecord, event: LiveEvent): void {
  store.live.publish({ ...event, tenantId: thread.tenantId });
}

/** Who may see the thread changed (a member joined or left, it was claimed): open event streams check again. */
export function accessChanged(store: Pick<Store, 'live'>, thread: ThreadRecord): void {
  store.live.publish({ type: 'access.thread', threadId: thread.id, tenantId: thread.tenantId });
}

export async function scheduleDelivery(store: Pick<Store, 'jobs'>, thread: ThreadRecord): Promise<void> {
  await store.jobs.send({ name: 'deliver', data: pairKeyOf(thread), singletonKey: deliverKey(thread) });
}

/** A message row became part of the thread: move the thread up the inboxes and tell the tabs. */
export async function threadGained(
  store: GainedStore,
  thread: ThreadRecord,
  message: MessageRecord,
): Promise<void> {
  await store.threads.touch(thread.tenantId, thread.id, message.createdAt, message.id);
  publish(store, thread, { type: 'message.created', threadId: thread.id, messageId: message.id });
  publish(store, thread, { type: 'thread.updated', threadId: thread.id });
  if (message.direction === 'in') {
    const members = (await store.participants.active(thread.id)).map((p) => p.memberId);
    await notifyTeams(store, thread, { kind: 'inbound', memberIds: members, subjectId: message.id });
  }
}

export async function addNotice(
  store: NoticeStore,
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
  const to = TEAMS_NOTICES.has(kind) ? await noticeRecipients(store, thread, kind, now, actorMemberId) : null;
  await store.events.append({
    tenantId: thread.tenantId,
    type: `notice.${kind}`,
    threadId: thread.id,
    messageId: notice!.id,
    actorMemberId,
    subjectMemberId: to?.aboutMemberId ?? null,
    payload: params,
    occurredAt: now,
  });
  if (to) {
    const heldCount = await store.messages.heldCount(pairKeyOf(thread));
    await notifyTeams(store, thread, { kind, subjectId: notice!.id, heldCount, ...to });
  }
  return notice!;
}

/** The notices that become Teams cards (product.md §10); the others live in the thread only. */
const TEAMS_NOTICES: ReadonlySet<NoticeKind> = new Set<NoticeKind>([
  'opted_in',
  'opted_in_nothing_held',
  'opted_out',
  'unreachable',
  'window_closed_held',
  'resumed',
  'resumed_nothing_held',
  'member_added',
  'member_removed',
  'member_left',
  'member_rejoined',
  'transferred',
]);

/**
 * Who gets a card for a notice: the thread's members, except whoever caused a membership change (they saw it
 * happen), plus a removed member; a held message concerns its sender. `aboutMemberId` is the member the change is
 * about, found by the time of the change, which is `now` in the transaction that made it.
 */
async function noticeRecipients(
  store: Pick<Store, 'participants'>,
  thread: ThreadRecord,
  kind: NoticeKind,
  now: Date,
  actorMemberId: string | null,
): Promise<{ memberIds: string[]; aboutMemberId: string | null }> {
  const active = await store.participants.active(thread.id);
  const others = active.map((p) => p.memberId).filter((id) => id !== actorMemberId);
  switch (kind) {
    case 'member_added':
    case 'member_rejoined':
    case 'transferred': {
      const joined = active.find(
        (p) => p.joinedAt.getTime() === now.getTime() && p.memberId !== actorMemberId,
      );
      return { memberIds: others, aboutMemberId: joined?.memberId ?? null };
    }
    case 'member_removed': {
      const removed =
        (await store.participants.leftAt(thread.id, now)).find((id) => id !== actorMemberId) ?? null;
      return { memberIds: removed ? [...others, removed] : others, aboutMemberId: removed };
    }
    case 'member_left':
      return { memberIds: others, aboutMemberId: actorMemberId };
    case 'window_closed_held':
      return { memberIds: actorMemberId ? [actorMemberId] : others, aboutMemberId: null };
    default:
      return { memberIds: active.map((p) => p.memberId), aboutMemberId: null };
  }
}

/** Queues the Teams cards of one change, in the transaction that made it (nothing is sent if it rolls back). */
async function notifyTeams(
  store: Pick<Store, 'jobs'>,
  thread: ThreadRecord,
  job: Omit<NotifyJobData, 'tenantId' | 'threadId'>,
): Promise<void> {
  if (job.memberIds.length === 0) return;
  await store.jobs.send({ name: 'notify', data: { tenantId: thread.tenantId, threadId: thread.id, ...job } });
}

/** A member asked to rejoin: the current members get Approve / Decline. */
export async function rejoinRequested(
  store: Pick<Store, 'participants' | 'jobs'>,
  thread: ThreadRecord,
  requestId: string,
  requesterId: string,
): Promise<void> {
  const members = (await store.participants.active(thread.id)).map((p) => p.memberId);
  await notifyTeams(store, thread, {
    kind: 'rejoin_requested',
    memberIds: members,
    subjectId: requestId,
    aboutMemberId: requesterId,
  });
}

/** A message failed for good: its sender (or, for a system line, every member) gets the reason and Retry. */
export async function sendFailed(
  store: Pick<Store, 'participants' | 'jobs'>,
  thread: ThreadRecord,
  message: MessageRecord,
): Promise<void> {
  const members = message.senderMemberId
    ? [message.senderMemberId]
    : (await store.participants.active(thread.id)).map((p) => p.memberId);
  await notifyTeams(store, thread, { kind: 'send_failed', memberIds: members, subjectId: message.id });
}

/** Queues a message from the business (a member's, or a system one when `senderMemberId` is null). */
export async function queueOutbound(
  store: OutboundStore,
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
    text:
      content.type === 'text' ? content.text : await templateText(store, thread.tenantId, content.template),
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
  // Archived like a member's message (`message.out`): an opt-in or resume template is said to the contact too.
  await store.events.append({
    tenantId: thread.tenantId,
    type: 'message.queued',
    threadId: thread.id,
    actorMemberId: senderMemberId,
    payload: { messageId: message!.id, kind: content.type, system: senderMemberId === null },
    occurredAt: now,
  });
  await scheduleDelivery(store, thread);
  return message!;
}
