import { randomUUID } from 'node:crypto';
import { smsFallbackOffered } from '../domain/sms/index.js';
import type { Logger } from 'pino';
import type { TeamsContext } from './teams.store.js';
import { inboundTextDisplay } from '../app/dlp/display.js';
import { loadNotice, type NoticeContext, type NoticeRecipient } from './notify-members.js';
import type { MessageRecord, NotifyJobData } from '../ports/index.js';
import {
  contactResumedCard,
  contactUnreachableCard,
  COALESCED_SHOWN,
  firstRunCard,
  inboundMessageCard,
  memberAddedCard,
  memberLeftCard,
  memberRemovedCard,
  messagesHeldCard,
  optInAcceptedCard,
  optInRejectedCard,
  rejoinRequestCard,
  sendFailedCard,
  transferReceivedCard,
  type BuiltCard,
  type InboundPreview,
  type TabRef,
  type ThreadRef,
} from './cards/index.js';
import type { ConversationSender } from './conversation-sender.js';

/** How long later messages update the same inbound card instead of posting a new one. */
export const COALESCE_WINDOW_MS = 10 * 60_000;

/**
 * The `notify` job: one notice (or inbound message) becomes one card per recipient, in their personal chat with the
 * bot. Inbound messages of a thread are coalesced: while a member's card is recent and unanswered, it is updated in
 * place ("3 new messages") instead of a new card each.
 */
export class TeamsNotifier {
  constructor(
    private readonly ctx: TeamsContext,
    private readonly sender: ConversationSender,
    private readonly tab: TabRef,
    private readonly log: Logger,
  ) {}

  async handle(job: NotifyJobData): Promise<void> {
    const notice = await loadNotice(this.ctx, job);
    if (!notice) return;
    for (const recipient of notice.recipients) {
      if (job.kind === 'inbound') {
        await this.inbound(notice, recipient);
        continue;
      }
      const card = noticeCard(notice, recipient, this.tab);
      if (!card) continue;
      await this.sender.post(recipient.conversation, card);
      this.log.debug(
        { threadId: job.threadId, kind: job.kind, memberId: recipient.member.id },
        'Teams card sent',
      );
    }
  }

  /** The first-run card to a member an admin has just enabled, when they have the bot installed. */
  async welcome(job: { tenantId: string; memberId: string }): Promise<void> {
    const found = await this.ctx.uow.run(async (store) => {
      const member = await store.members.byId(job.tenantId, job.memberId);
      const [conversation] = await store.teams.conversationsOf(job.tenantId, [job.memberId]);
      return member?.enabled && conversation ? { member, conversation } : null;
    });
    if (!found) return;
    await this.sender.post(
      found.conversation,
      firstRunCard({ tab: this.tab, displayName: found.member.displayName }),
    );
    this.log.debug({ memberId: job.memberId }, 'first-run card sent');
  }

  private async inbound(notice: NoticeContext, recipient: NoticeRecipient): Promise<void> {
    const subject = notice.subject;
    if (!subject) return;
    const { member, conversation } = recipient;
    const now = this.ctx.clock.now();
    const plan = await this.ctx.uow.run(async (store) => {
      // The conversation's row lock (taken with its send history) makes one job at a time decide for this chat.
      await store.teams.lockSendTimes(member.tenantId, conversation.conversationId);
      const card = await store.teams.inboundCard(member.tenantId, member.id, notice.thread.id);
      if (card && card.lastSeq >= subject.seq && card.conversationId === conversation.conversationId) {
        return null; // a later message's job already showed this one
      }
      const open =
        card !== null &&
        !card.closed &&
        card.conversationId === conversation.conversationId &&
        now.getTime() - card.postedAt.getTime() < COALESCE_WINDOW_MS;
      const firstSeq = open ? card.firstSeq : card ? Math.min(subject.seq, card.lastSeq + 1) : subject.seq;
      const since = await store.teams.inboundSince(notice.thread.id, firstSeq, COALESCED_SHOWN);
      const lastSeq = since.latest[since.latest.length - 1]?.seq ?? subject.seq;
      // The card shows the contact's text as the tab does: the inbound rules' matches redacted, with the rules as they
      // are now (a card stays in the chat).
      const shownText = await inboundTextDisplay(
        store,
        member.tenantId,
        await store.dlpRules.version(member.tenantId),
      );
      const latest = since.latest.map((m) => {
        const text = shownText(m);
        return text === null ? m : { ...m, text };
      });
      return { update: open ? card.activityId : null, firstSeq, lastSeq, since: { ...since, latest } };
    });
    if (!plan) return;
    const built = inboundMessageCard({
      thread: threadRef(notice),
      tab: this.tab,
      recipientUserId: conversation.teamsUserId,
      replyClientMessageId: randomUUID(),
      newMessageCount: plan.since.count,
      latest: plan.since.latest.map(preview),
    });
    const result = plan.update
      ? await this.sender.update(conversation, plan.update, built)
      : await this.sender.post(conversation, built);
    if (!result.ok) return;
    const activityId = plan.update ?? result.activityId;
    if (!activityId) return;
    await this.ctx.uow.run((store) =>
      store.teams.saveInboundCard({
        tenantId: member.tenantId,
        memberId: member.id,
        threadId: notice.thread.id,
        conversationId: conversation.conversationId,
        activityId,
        firstSeq: plan.firstSeq,
        lastSeq: plan.lastSeq,
        postedAt: plan.update ? now : now,
        closed: false,
      }),
    );
  }
}

export function threadRef(notice: Pick<NoticeContext, 'thread' | 'contact'>): ThreadRef {
  return {
    id: notice.thread.id,
    channel: notice.thread.channel,
    contact: {
      id: notice.contact.id,
      displayName: notice.contact.displayName,
      phone: notice.contact.phoneE164,
    },
  };
}

export function preview(m: MessageRecord): InboundPreview {
  const sentAt = (m.providerTimestamp ?? m.createdAt).toISOString();
  if (m.type === 'text') return { sentAt, content: { kind: 'text', text: m.text ?? '' } };
  if (m.type === 'image') return { sentAt, content: { kind: 'image', imageUrl: null, caption: m.text } };
  if (m.type === 'template' || m.type === 'notice') {
    return { sentAt, content: { kind: 'text', text: m.text ?? '' } };
  }
  return { sentAt, content: { kind: 'unsupported' } };
}

/** The card of one notice for one recipient; null when the notice has no card for them. */
export function noticeCard(notice: NoticeContext, recipient: NoticeRecipient, tab: TabRef): BuiltCard | null {
  const thread = threadRef(notice);
  const base = { thread, tab };
  const p = notice.params;
  const held = notice.job.heldCount ?? 0;
  const you = recipient.member.id;
  const about = notice.about;
  switch (notice.job.kind) {
    case 'opted_in':
    case 'opted_in_nothing_held':
      return optInAcceptedCard({
        ...base,
        heldCount: notice.job.kind === 'opted_in' ? Math.max(held, 1) : 0,
      });
    case 'opted_out':
      return optInRejectedCard(base);
    case 'unreachable':
      return contactUnreachableCard({
        ...base,
        recipientUserId: recipient.conversation.teamsUserId,
        // The same rule as the tab's (domain/sms/fallback.ts): an SMS number for the member, a phone for the contact.
        recipientHasSms: smsFallbackOffered({
          channel: notice.thread.channel,
          reachability: 'unreachable',
          memberSmsNumberId: recipient.member.smsNumberId,
          contactPhone: notice.contact.phoneE164,
        }),
      });
    case 'resumed':
    case 'resumed_nothing_held':
      return contactResumedCard({
        ...base,
        heldCount: notice.job.kind === 'resumed' ? Math.max(held, 1) : 0,
      });
    case 'window_closed_held':
      return messagesHeldCard({ ...base, heldCount: held });
    case 'member_added':
    case 'member_rejoined':
      return memberAddedCard({
        ...base,
        addedBy: p.actor ?? p.member ?? '',
        added: p.member ?? '',
        addedYou: about?.id === you,
        historyShared: notice.job.kind === 'member_rejoined',
      });
    case 'member_removed':
      return memberRemovedCard({
        ...base,
        removedBy: p.actor ?? '',
        removed: p.member ?? '',
        removedYou: about?.id === you,
      });
    case 'member_left':
      return memberLeftCard({ ...base, left: p.member ?? '' });
    case 'transferred':
      if (about?.id === you) return transferReceivedCard({ ...base, from: p.actor ?? '' });
      return memberAddedCard({
        ...base,
        addedBy: p.actor ?? '',
        added: p.member ?? '',
        addedYou: false,
        historyShared: true,
      });
    case 'rejoin_requested':
      if (!notice.rejoin || notice.rejoin.state !== 'pending') return null;
      return rejoinRequestCard({
        ...base,
        requester: notice.rejoin.displayName,
        requestId: notice.rejoin.id,
        recipientUserId: recipient.conversation.teamsUserId,
      });
    case 'send_failed': {
      const m = notice.subject;
      if (!m || m.status !== 'failed') return null;
      return sendFailedCard({
        ...base,
        recipientUserId: recipient.conversation.teamsUserId,
        messageId: m.id,
        retryClientMessageId: randomUUID(),
        excerpt: m.type === 'text' ? m.text : null,
        error: {
          code: m.error?.code ?? null,
          title: m.error?.title ?? 'Unknown error',
          details: m.error?.details ?? null,
        },
      });
    }
    default:
      return null;
  }
}
