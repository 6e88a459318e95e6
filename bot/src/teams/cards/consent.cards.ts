import type { BuiltCard, CardAction } from './adaptive-card.types.js';
import { adaptiveCard, execute, refreshFor, textBlock } from './card-elements.js';
import { channelLabel, contactLabel, plural } from './card-text.js';
import { contactLine, noticeTitle, threadLinks, type ThreadNoticeInput } from './thread-notice.js';

/** Notices about the contact's consent and the 24-hour window (product §3, §4). */

export interface HeldCountInput extends ThreadNoticeInput {
  /** Messages held for this contact that are now being sent (0: nothing was held). */
  heldCount: number;
}

export const RESUMED_NOTHING_HELD_TEXT =
  '[Auto Message] The contact has resumed the conversation. You can now continue messaging with them.';
export const WINDOW_CLOSED_TEXT =
  "The contact hasn't written for more than 24 hours: your messages will be delivered when they resume the conversation";

export function optInAcceptedCard(input: HeldCountInput): BuiltCard {
  const contact = contactLabel(input.thread.contact);
  const channel = channelLabel(input.thread.channel);
  const outcome =
    input.heldCount === 0
      ? 'Nothing was held: you can start the conversation.'
      : `${plural(input.heldCount, 'held message is', 'held messages are')} being sent.`;
  const card = adaptiveCard(
    [
      noticeTitle({ name: contact }, ` opted in to ${channel} messages`),
      contactLine(input.thread),
      textBlock(outcome),
    ],
    threadLinks(input),
  );
  return { card, summary: `${contact} opted in to ${channel} messages` };
}

export function optInRejectedCard(input: ThreadNoticeInput): BuiltCard {
  const contact = contactLabel(input.thread.contact);
  const channel = channelLabel(input.thread.channel);
  const card = adaptiveCard(
    [
      noticeTitle({ name: contact }, ` opted out of ${channel} messages`),
      contactLine(input.thread),
      textBlock(`You can't send them messages from this business number.`),
      textBlock('They can opt in again at any time by replying "yes".', { isSubtle: true }),
    ],
    threadLinks(input),
  );
  return { card, summary: `${contact} opted out of ${channel} messages` };
}

export interface ContactUnreachableCardInput extends ThreadNoticeInput {
  /** The recipient's Teams user id (`29:…`), for the refresh of the SMS button. */
  recipientUserId: string;
  /** Whether the recipient has an SMS number: only then is "Continue by SMS" offered. */
  recipientHasSms: boolean;
}

/**
 * WhatsApp refused delivery (131026). That code also means the contact blocked the business, so the card says
 * the contact can't be reached, never that they have no WhatsApp.
 */
export function contactUnreachableCard(input: ContactUnreachableCardInput): BuiltCard {
  const { thread } = input;
  const contact = contactLabel(thread.contact);
  const body = [
    noticeTitle({ name: contact }, ` can't be reached on WhatsApp`),
    contactLine(thread),
    textBlock('WhatsApp could not deliver messages to this number, so nothing was sent.'),
  ];
  const actions: CardAction[] = [];
  if (input.recipientHasSms) {
    body.push(textBlock('You can continue by SMS: it starts an SMS conversation with the same contact.'));
    actions.push(
      execute(
        'Continue by SMS',
        'sms.continue',
        { threadId: thread.id, contactId: thread.contact.id },
        {
          style: 'positive',
        },
      ),
    );
  }
  actions.push(...threadLinks(input));
  // Only the SMS button can go stale (an SMS conversation already started), so only then a refresh.
  const refresh = input.recipientHasSms
    ? refreshFor(input.recipientUserId, { card: 'unreachable', threadId: thread.id })
    : undefined;
  return { card: adaptiveCard(body, actions, refresh), summary: `${contact} can't be reached on WhatsApp` };
}

export function contactResumedCard(input: HeldCountInput): BuiltCard {
  const contact = contactLabel(input.thread.contact);
  const text =
    input.heldCount === 0
      ? RESUMED_NOTHING_HELD_TEXT
      : `The contact has resumed the conversation: ${plural(input.heldCount, 'held message is', 'held messages are')} being sent.`;
  const card = adaptiveCard(
    [noticeTitle({ name: contact }, ' resumed the conversation'), contactLine(input.thread), textBlock(text)],
    threadLinks(input),
  );
  return { card, summary: `${contact} resumed the conversation` };
}

/** Outside the window the member's messages are held, not lost (product §4). */
export function messagesHeldCard(input: HeldCountInput): BuiltCard {
  const contact = contactLabel(input.thread.contact);
  const count = Math.max(input.heldCount, 1);
  const title = count === 1 ? 'Your message to ' : `${count} messages to `;
  const verb = count === 1 ? ' is held' : ' are held';
  const card = adaptiveCard(
    [noticeTitle(title, { name: contact }, verb), contactLine(input.thread), textBlock(WINDOW_CLOSED_TEXT)],
    threadLinks(input),
  );
  return { card, summary: `${title}${contact}${verb}` };
}
