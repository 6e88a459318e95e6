import type { ErrorCode, Thread } from '@bridgeline/shared';
import { ERROR_CODES } from '@bridgeline/shared';
import type { Caller } from '../app/context.js';
import type { TeamsContext } from './teams.store.js';
import { addMember } from '../app/membership/add-member.use-case.js';
import { decideRejoin } from '../app/membership/rejoin.use-case.js';
import { leaveThread, removeMember } from '../app/membership/remove-member.use-case.js';
import { transferThread } from '../app/membership/transfer-thread.use-case.js';
import {
  closeInboundCard,
  messageToRetry,
  requestRejoinFromTeams,
  threadCardData,
} from './notify-members.js';
import type { Outcome } from '../app/outcome.js';
import { sendMessage } from '../app/send-message.use-case.js';
import { startThread } from '../app/start-thread.use-case.js';
import { listThreads } from '../app/thread-views.use-case.js';
import {
  actedOnCard,
  contactLabel,
  parseCardAction,
  refusalNotice,
  threadCard,
  threadsListCard,
  type BuiltCard,
  type CardActionRequest,
  type CardNotice,
  type TabRef,
  type ThreadRef,
} from './cards/index.js';

/** Who pressed the button: the member, and their Teams user id (for the cards' refresh). */
export interface Invoker {
  member: Caller;
  teamsUserId: string;
}

/** The `adaptiveCard/action` answer: a card that replaces the one pressed, or a refusal in words. */
export type CardActionAnswer =
  { statusCode: 200; card: BuiltCard } | { statusCode: 400; code: string; message: string };

/**
 * Runs one card action. The verb and data are validated first; every use case authorises the invoker again (a current
 * member of the thread, enabled), whatever the card showed. The answer replaces the card in place: acted-on cards lose
 * their buttons. `card.refresh` only redraws: it changes nothing and posts nothing.
 */
export class CardActionHandler {
  constructor(
    private readonly ctx: TeamsContext,
    private readonly tab: TabRef,
  ) {}

  async handle(invoker: Invoker, verb: string, data: unknown): Promise<CardActionAnswer> {
    const parsed = parseCardAction(verb, data);
    if (!parsed.ok) {
      const message =
        parsed.reason === 'unknown_verb'
          ? `Unknown action ${parsed.verb}.`
          : parsed.issues.map((i) => `${i.path || 'data'}: ${i.message}`).join('; ');
      return { statusCode: 400, code: 'BadRequest', message };
    }
    return { statusCode: 200, card: await this.run(invoker, parsed.action) };
  }

  private async run(invoker: Invoker, action: CardActionRequest): Promise<BuiltCard> {
    const { member } = invoker;
    const ctx = this.ctx;
    switch (action.verb) {
      case 'reply': {
        const { threadId, clientMessageId, replyText } = action.data;
        const sent = await sendMessage(ctx, member, threadId, { clientMessageId, text: replyText });
        if (!sent.ok) return this.refused(invoker, threadId, sent.code, sent.detail);
        await closeInboundCard(ctx, member, threadId);
        const title = await this.title(invoker, threadId, 'Reply to');
        const held = sent.value.message.status === 'held';
        // What was stored and sent: a DLP rule may have redacted part of it.
        const shown = sent.value.message.text ?? replyText;
        return actedOnCard(
          title,
          held ? `Held until the contact can receive it: “${shown}”` : `Sent: “${shown}”`,
          held ? 'attention' : 'good',
        );
      }
      case 'message.retry': {
        const { threadId, messageId, clientMessageId } = action.data;
        const failed = await messageToRetry(ctx, member, threadId, messageId);
        if (!failed.ok) return this.refused(invoker, threadId, failed.code, failed.detail);
        const m = failed.value;
        const body =
          m.type === 'template' && m.template
            ? {
                clientMessageId,
                template: {
                  name: m.template.name,
                  language: m.template.language,
                  parameters: m.template.parameters,
                },
              }
            : { clientMessageId, text: m.text ?? '' };
        const sent = await sendMessage(ctx, member, threadId, body);
        if (!sent.ok) return this.refused(invoker, threadId, sent.code, sent.detail);
        return actedOnCard(await this.title(invoker, threadId, 'Retry to'), 'Sent again.', 'good');
      }
      case 'rejoin.approve':
      case 'rejoin.decline': {
        const { threadId, requestId } = action.data;
        const verdict = action.verb === 'rejoin.approve' ? 'approve' : 'decline';
        const title = await this.title(invoker, threadId, 'Rejoin request for');
        const done = await decideRejoin(ctx, member, threadId, requestId, verdict);
        if (!done.ok) return actedOnCard(title, reason(done.code, done.detail), 'attention');
        return actedOnCard(title, verdict === 'approve' ? 'You approved it.' : 'You declined it.', 'good');
      }
      case 'rejoin.request': {
        const title = await this.title(invoker, action.data.threadId, 'Conversation with');
        const asked = await requestRejoinFromTeams(ctx, member, action.data.threadId);
        if (!asked.ok) return actedOnCard(title, reason(asked.code, asked.detail), 'attention');
        return actedOnCard(title, 'You asked to rejoin: a member of the conversation will answer.', 'good');
      }
      case 'sms.continue': {
        const { threadId, contactId } = action.data;
        const title = await this.title(invoker, threadId, 'Conversation with');
        const started = await startThread(ctx, member, { channel: 'sms', contactId });
        if (!started.ok) return actedOnCard(title, reason(started.code, started.detail), 'attention');
        return this.threadCardOf(invoker, started.value, {
          tone: 'info',
          text: 'An SMS conversation with the same contact started.',
        });
      }
      case 'threads.list': {
        const page = await listThreads(ctx, member, { limit: 10 });
        if (!page.ok)
          return actedOnCard('Your recent conversations', reason(page.code, page.detail), 'attention');
        return threadsListCard({
          tab: this.tab,
          threads: page.value.items.map((t) => ({
            thread: refOf(t),
            state: t.state,
            unreadCount: t.unreadCount,
            lastActivityAt: t.updatedAt,
            lastMessagePreview: t.lastMessage
              ? (t.lastMessage.text ?? (t.lastMessage.type === 'image' ? 'Image' : null))
              : null,
          })),
        });
      }
      case 'thread.show':
        return this.threadCard(invoker, action.data.threadId, null);
      case 'member.add': {
        const { threadId, addMemberId, shareHistory } = action.data;
        const done = await addMember(ctx, member, threadId, { memberId: addMemberId, shareHistory });
        return this.afterChange(invoker, threadId, done, 'The member was added.');
      }
      case 'member.remove': {
        const { threadId, removeMemberId } = action.data;
        const done = await removeMember(ctx, member, threadId, removeMemberId);
        return this.afterChange(invoker, threadId, done, 'The member was removed.');
      }
      case 'thread.leave': {
        const title = await this.title(invoker, action.data.threadId, 'Conversation with');
        const done = await leaveThread(ctx, member, action.data.threadId);
        if (!done.ok) return this.refused(invoker, action.data.threadId, done.code, done.detail);
        return actedOnCard(title, 'You left the conversation.', 'good');
      }
      case 'thread.transfer': {
        const { threadId, transferMemberId } = action.data;
        const title = await this.title(invoker, threadId, 'Conversation with');
        const done = await transferThread(ctx, member, threadId, transferMemberId);
        if (!done.ok) return this.refused(invoker, threadId, done.code, done.detail);
        return actedOnCard(title, 'You transferred the conversation.', 'good');
      }
      case 'card.refresh':
        return this.refresh(invoker, action.data);
    }
  }

  /** Redraws a card for its viewer. Nothing changes and nothing is posted: posting would refresh every viewer again. */
  private async refresh(
    invoker: Invoker,
    data: Extract<CardActionRequest, { verb: 'card.refresh' }>['data'],
  ): Promise<BuiltCard> {
    if (data.card === 'thread') return this.threadCard(invoker, data.threadId, null);
    const thread = await threadCardData(this.ctx, invoker.member, data.threadId);
    if (!thread.ok) return actedOnCard('Bridgeline', reason(thread.code, thread.detail), 'attention');
    const title = `Conversation with ${contactLabel(refOf(thread.value.thread).contact)}`;
    if (data.card === 'rejoin') {
      return actedOnCard(title, 'Open Bridgeline to see the members and any rejoin request.');
    }
    return this.threadCardOf(invoker, thread.value.thread, null, thread.value.eligible);
  }

  private async afterChange(
    invoker: Invoker,
    threadId: string,
    done: Outcome<Thread | null>,
    success: string,
  ): Promise<BuiltCard> {
    if (!done.ok) return this.threadCard(invoker, threadId, refusal(done.code, done.detail));
    return this.threadCard(invoker, threadId, { tone: 'info', text: success });
  }

  private async refused(
    invoker: Invoker,
    threadId: string,
    code: ErrorCode,
    detail?: string,
  ): Promise<BuiltCard> {
    return this.threadCard(invoker, threadId, refusal(code, detail));
  }

  private async threadCard(
    invoker: Invoker,
    threadId: string,
    notice: CardNotice | null,
  ): Promise<BuiltCard> {
    const data = await threadCardData(this.ctx, invoker.member, threadId);
    if (!data.ok) return actedOnCard('Bridgeline', reason(data.code, data.detail), 'attention');
    return this.threadCardOf(invoker, data.value.thread, notice, data.value.eligible);
  }

  private async threadCardOf(
    invoker: Invoker,
    thread: Thread,
    notice: CardNotice | null,
    eligible?: { id: string; displayName: string }[],
  ): Promise<BuiltCard> {
    let candidates = eligible;
    if (!candidates) {
      const data = await threadCardData(this.ctx, invoker.member, thread.id);
      candidates = data.ok ? data.value.eligible : [];
    }
    return threadCard({
      thread: { ...refOf(thread), state: thread.state, region: thread.region },
      tab: this.tab,
      recipientUserId: invoker.teamsUserId,
      viewerMemberId: invoker.member.id,
      members: thread.members.map((m) => ({ memberId: m.memberId, displayName: m.displayName })),
      eligibleMembers: candidates.map((m) => ({ memberId: m.id, displayName: m.displayName })),
      notice,
    });
  }

  private async title(invoker: Invoker, threadId: string, prefix: string): Promise<string> {
    const data = await threadCardData(this.ctx, invoker.member, threadId);
    return data.ok ? `${prefix} ${contactLabel(refOf(data.value.thread).contact)}` : 'Bridgeline';
  }
}

function refOf(t: Thread): ThreadRef {
  return {
    id: t.id,
    channel: t.channel,
    contact: { id: t.contact.id, displayName: t.contact.displayName, phone: t.contact.phone },
  };
}

function refusal(code: ErrorCode, detail?: string): CardNotice {
  return detail ? { tone: 'error', text: detail } : refusalNotice(code);
}

function reason(code: ErrorCode, detail?: string): string {
  return detail ?? ERROR_CODES[code].title;
}
