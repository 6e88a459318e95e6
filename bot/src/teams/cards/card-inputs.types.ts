import type { Channel } from '@bridgeline/shared';

/** Plain inputs of the card builders: ids, names, texts and urls, filled by the core from its own state. */

export interface ContactRef {
  id: string;
  displayName: string | null;
  /** E.164, or null when only a WhatsApp user id is known. */
  phone: string | null;
}

export interface ThreadRef {
  id: string;
  channel: Channel;
  contact: ContactRef;
}

export interface MemberRef {
  memberId: string;
  displayName: string;
}

/** One line in words on a card: a refusal ("the conversation is full") or news ("Alex was added"). */
export interface CardNotice {
  tone: 'error' | 'info';
  text: string;
}
