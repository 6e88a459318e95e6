import type { Thread } from '@bridgeline/shared';
import type { NoticeParams } from '../domain/notices.js';
import type {
  ContactRecord,
  MemberRecord,
  MessageRecord,
  NotifyJobData,
  RejoinRequestRecord,
  ThreadRecord,
} from '../ports/index.js';
import type { TeamsConversationRecord } from './teams.store.js';
import { pairKeyOf, type Caller } from '../app/context.js';
import type { TeamsContext } from './teams.store.js';
import { fail, ok, type Outcome } from '../app/outcome.js';
import { requestRejoin } from '../app/membership/rejoin.use-case.js';
import { rejoinRequested } from '../app/thread-activity.js';
import { getThread } from '../app/thread-views.use-case.js';

/** A member who gets a card, and where. */
export interface NoticeRecipient {
  member: MemberRecord;
  conversation: TeamsConversationRecord;
}

/** Everything the Teams notifier needs to build one notice's cards, read in one transaction. */
export interface NoticeContext {
  job: NotifyJobData;
  thread: ThreadRecord;
  contact: ContactRecord;
  params: NoticeParams;
  heldCount: number;
  /** The notice line, the inbound message or the failed message the job is about. */
  subject: MessageRecord | null;
  rejoin: RejoinRequestRecord | null;
  about: MemberRecord | null;
  recipients: NoticeRecipient[];
}

/**
 * Loads a notify job's facts. Recipients are the job's members who are enabled and have installed the bot; a member
 * who left a thread since gets no card about its messages.
 */
export async function loadNotice(ctx: TeamsContext, job: NotifyJobData): Promise<NoticeContext | null> {
  return ctx.uow.run(async (store) => {
    const thread = await store.threads.byId(job.tenantId, job.threadId);
    if (!thread) return null;
    const contact = await store.contacts.byId(job.tenantId, thread.contactId);
    if (!contact) return null;
    const rejoin =
      job.kind === 'rejoin_requested' ? await store.rejoin.byId(job.tenantId, job.subjectId) : null;
    const subject =
      job.kind === 'rejoin_requested' ? null : await store.messages.byId(job.tenantId, job.subjectId);
    const members = await store.members.byIds(job.tenantId, job.memberIds);
    const conversations = await store.teams.conversationsOf(job.tenantId, job.memberIds);
    const active = new Set((await store.participants.active(thread.id)).map((p) => p.memberId));
    const stillThere = job.kind === 'inbound' || job.kind === 'rejoin_requested';
    const recipients: NoticeRecipient[] = [];
    for (const member of members) {
      const conversation = conversations.find((c) => c.memberId === member.id);
      if (!conversation || !member.enabled) continue;
      if (stillThere && !active.has(member.id)) continue;
      recipients.push({ member, conversation });
    }
    const about = job.aboutMemberId ? await store.members.byId(job.tenantId, job.aboutMemberId) : null;
    return {
      job,
      thread,
      contact,
      params: subject?.noticeParams ?? {},
      heldCount: await store.messages.heldCount(pairKeyOf(thread)),
      subject,
      rejoin,
      about,
      recipients,
    };
  });
}

/** A member asks to rejoin from a Teams card: the request, and Approve / Decline cards to the current members. */
export async function requestRejoinFromTeams(
  ctx: TeamsContext,
  caller: Caller,
  threadId: string,
): Promise<Outcome<{ requestId: string }>> {
  const requested = await requestRejoin(ctx, caller, threadId);
  if (!requested.ok) return requested;
  await ctx.uow.run(async (store) => {
    const thread = await store.threads.byId(caller.tenantId, threadId);
    if (thread) await rejoinRequested(store, thread, requested.value.id, caller.id);
  });
  return ok({ requestId: requested.value.id });
}

/** What the thread card shows: the thread as the caller sees it, and who may still join (enabled, same region). */
export async function threadCardData(
  ctx: TeamsContext,
  caller: Caller,
  threadId: string,
): Promise<Outcome<{ thread: Thread; eligible: MemberRecord[] }>> {
  const thread = await getThread(ctx, caller, threadId);
  if (!thread.ok) return thread;
  const inThread = new Set(thread.value.members.map((m) => m.memberId));
  const eligible = await ctx.uow.run((store) =>
    store.members.search(caller.tenantId, { region: thread.value.region }),
  );
  return ok({ thread: thread.value, eligible: eligible.filter((m) => m.enabled && !inThread.has(m.id)) });
}

/** A failed message the caller sent (or a system line of a thread they are in), for Retry. */
export async function messageToRetry(
  ctx: TeamsContext,
  caller: Caller,
  threadId: string,
  messageId: string,
): Promise<Outcome<MessageRecord>> {
  const message = await ctx.uow.run((store) => store.messages.byId(caller.tenantId, messageId));
  if (!message || message.threadId !== threadId || message.direction !== 'out') return fail('not_found');
  // A card's Retry can outlive the failure: a send we could not confirm may turn out delivered. Never send it twice.
  if (message.status !== 'failed')
    return fail(
      'not_failed',
      ['sent', 'delivered', 'read'].includes(message.status)
        ? 'It reached WhatsApp after all.'
        : 'It is on its way already.',
    );
  return ok(message);
}

/** Marks the member's inbound card of a thread as answered: the next message posts a new card. */
export async function closeInboundCard(ctx: TeamsContext, caller: Caller, threadId: string): Promise<void> {
  await ctx.uow.run((store) => store.teams.closeInboundCard(caller.tenantId, caller.id, threadId));
}
