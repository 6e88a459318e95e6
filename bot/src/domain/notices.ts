/**
 * Notices: system lines in a thread (product.md §3, §4, §7). Some are also sent to the contact.
 * The wording lives here so the thread, the Teams cards and the archive say the same thing.
 */
export type NoticeKind =
  | 'opt_in_requested'
  | 'opted_in'
  | 'opted_in_nothing_held'
  | 'opted_out'
  | 'unreachable'
  | 'window_closed_held'
  | 'resumed'
  | 'resumed_nothing_held'
  | 'member_added'
  | 'member_removed'
  | 'member_left'
  | 'member_rejoined'
  | 'transferred'
  | 'claimed'
  | 'thread_closed';

export type NoticeParams = Record<string, string>;

export function noticeText(kind: NoticeKind, p: NoticeParams): string {
  switch (kind) {
    case 'opt_in_requested':
      return `${p.actor} sent the opt-in request to ${p.contact}.`;
    case 'opted_in':
      return `${p.contact} opted in. Held messages are being sent.`;
    case 'opted_in_nothing_held':
      return `${p.contact} opted in. You can start the conversation.`;
    case 'opted_out':
      return `${p.contact} opted out. They can opt in again at any time by replying "yes".`;
    case 'unreachable':
      return `${p.contact} can't be reached on WhatsApp.`;
    case 'window_closed_held':
      return "The contact hasn't written for more than 24 hours: your messages will be delivered when they resume the conversation.";
    case 'resumed':
      return `${p.contact} resumed the conversation. Held messages are being sent.`;
    case 'resumed_nothing_held':
      return '[Auto Message] The contact has resumed the conversation. You can now continue messaging with them.';
    case 'member_added':
      return `${p.actor} added ${p.member} to the conversation.`;
    case 'member_removed':
      return `${p.actor} removed ${p.member} from the conversation.`;
    case 'member_left':
      return `${p.member} left the conversation.`;
    case 'member_rejoined':
      return `${p.member} rejoined the conversation.`;
    case 'transferred':
      return `${p.actor} transferred the conversation to ${p.member}.`;
    case 'claimed':
      return `${p.member} took the conversation from the Unassigned queue.`;
    case 'thread_closed':
      return 'The conversation is closed: the last member left.';
  }
}

/** What the contact is told about changes among the people they talk to (§7). */
export function contactNoticeText(kind: NoticeKind, p: NoticeParams): string | null {
  switch (kind) {
    case 'member_added':
      return `${p.member} joined the conversation.`;
    case 'member_removed':
    case 'member_left':
      return `${p.member} left the conversation.`;
    case 'member_rejoined':
      return `${p.member} rejoined the conversation.`;
    case 'transferred':
      return `You are now talking to ${p.member}.`;
    case 'opted_in':
    case 'opted_in_nothing_held':
      return 'Thank you: you can now receive messages from us here. Reply STOP at any time to opt out.';
    case 'opted_out':
      return 'You will not receive further messages from us. You can opt in again at any time by replying "yes".';
    default:
      return null;
  }
}
