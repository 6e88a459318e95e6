import type { BuiltCard } from './adaptive-card.types.js';
import { adaptiveCard, execute, refreshFor, textBlock } from './card-elements.js';
import { contactLabel, personLabel } from './card-text.js';
import {
  contactLine,
  noticeTitle,
  openInBridgeline,
  threadLinks,
  type ThreadNoticeInput,
} from './thread-notice.js';

/** Notices about who is in a group thread (product §7). Names are members' display names. */

export interface MemberAddedCardInput extends ThreadNoticeInput {
  addedBy: string;
  added: string;
  /** The card goes to the member who was added (true) or to the others (false). */
  addedYou: boolean;
  historyShared: boolean;
}

export function memberAddedCard(input: MemberAddedCardInput): BuiltCard {
  const contact = contactLabel(input.thread.contact);
  const by = personLabel(input.addedBy);
  const added = personLabel(input.added);
  const title = input.addedYou
    ? noticeTitle({ name: by }, ' added you to the conversation with ', { name: contact })
    : noticeTitle({ name: by }, ' added ', { name: added }, ' to the conversation with ', { name: contact });
  const who = input.addedYou ? 'You' : 'They';
  const history = input.historyShared
    ? `${who} can see the earlier messages.`
    : `${who} see the messages from the moment ${input.addedYou ? 'you' : 'they'} joined.`;
  const card = adaptiveCard([title, contactLine(input.thread), textBlock(history)], threadLinks(input));
  const summary = input.addedYou
    ? `${by} added you to the conversation with ${contact}`
    : `${by} added ${added} to the conversation with ${contact}`;
  return { card, summary };
}

export interface MemberRemovedCardInput extends ThreadNoticeInput {
  removedBy: string;
  removed: string;
  /** The card goes to the member who was removed (true) or to the others (false). */
  removedYou: boolean;
}

export function memberRemovedCard(input: MemberRemovedCardInput): BuiltCard {
  const contact = contactLabel(input.thread.contact);
  const by = personLabel(input.removedBy);
  const removed = personLabel(input.removed);
  if (input.removedYou) {
    // The removed member can no longer open the thread; asking to rejoin is their only way back.
    const card = adaptiveCard(
      [
        noticeTitle({ name: by }, ' removed you from the conversation with ', { name: contact }),
        contactLine(input.thread),
        textBlock('You can ask to rejoin: a member of the conversation approves or declines.', {
          isSubtle: true,
        }),
      ],
      [execute('Ask to rejoin', 'rejoin.request', { threadId: input.thread.id })],
    );
    return { card, summary: `${by} removed you from the conversation with ${contact}` };
  }
  const card = adaptiveCard(
    [
      noticeTitle({ name: by }, ' removed ', { name: removed }, ' from the conversation with ', {
        name: contact,
      }),
      contactLine(input.thread),
    ],
    threadLinks(input),
  );
  return { card, summary: `${by} removed ${removed} from the conversation with ${contact}` };
}

export interface MemberLeftCardInput extends ThreadNoticeInput {
  left: string;
}

export function memberLeftCard(input: MemberLeftCardInput): BuiltCard {
  const contact = contactLabel(input.thread.contact);
  const left = personLabel(input.left);
  const card = adaptiveCard(
    [
      noticeTitle({ name: left }, ' left the conversation with ', { name: contact }),
      contactLine(input.thread),
    ],
    threadLinks(input),
  );
  return { card, summary: `${left} left the conversation with ${contact}` };
}

export interface TransferReceivedCardInput extends ThreadNoticeInput {
  from: string;
}

export function transferReceivedCard(input: TransferReceivedCardInput): BuiltCard {
  const contact = contactLabel(input.thread.contact);
  const from = personLabel(input.from);
  const card = adaptiveCard(
    [
      noticeTitle({ name: from }, ' transferred the conversation with ', { name: contact }, ' to you'),
      contactLine(input.thread),
      textBlock('You can see the earlier messages. The contact was told who they are now talking to.'),
    ],
    threadLinks(input),
  );
  return { card, summary: `${from} transferred the conversation with ${contact} to you` };
}

export interface RejoinRequestCardInput extends ThreadNoticeInput {
  requester: string;
  requestId: string;
  /** The recipient's Teams user id (`29:…`): the card refreshes once another member has answered. */
  recipientUserId: string;
}

export function rejoinRequestCard(input: RejoinRequestCardInput): BuiltCard {
  const { thread } = input;
  const contact = contactLabel(thread.contact);
  const requester = personLabel(input.requester);
  const ids = { threadId: thread.id, requestId: input.requestId };
  const card = adaptiveCard(
    [
      noticeTitle({ name: requester }, ' asks to rejoin the conversation with ', { name: contact }),
      contactLine(thread),
      textBlock('Any member of the conversation can answer.', { isSubtle: true }),
    ],
    [
      execute('Approve', 'rejoin.approve', ids, { style: 'positive' }),
      execute('Decline', 'rejoin.decline', ids, { style: 'destructive' }),
      openInBridgeline(input),
    ],
    refreshFor(input.recipientUserId, { card: 'rejoin', ...ids }),
  );
  return { card, summary: `${requester} asks to rejoin the conversation with ${contact}` };
}
