import type { Contact, Message } from '@bridgeline/shared';
import { noticeText } from '../thread/notice-text.js';

/** The contact's phone written for reading ("+44 7911 654321"), or null when they have none. */
export function contactPhone(contact: Contact): string | null {
  return contact.phoneDisplay ?? contact.phone;
}

export function contactName(contact: Contact): string {
  return (
    contact.displayName ?? contactPhone(contact) ?? contact.username ?? contact.waId ?? 'Unknown contact'
  );
}

/**
 * One line for the inbox: what the last message was, in words, and who wrote it when it was not the contact
 * ("You: …", a colleague's first name; nothing for what Bridgeline itself told the contact).
 */
export function messagePreview(message: Message | null, meId?: string): string {
  if (!message) return 'No messages yet';
  if (message.direction === 'notice') return noticeText(message);
  const sender = message.direction === 'out' ? message.sender : undefined;
  const prefix = !sender
    ? ''
    : sender.memberId === meId
      ? 'You: '
      : `${sender.displayName.split(' ')[0] ?? sender.displayName}: `;
  if (message.type === 'image') return `${prefix}Photo${message.text ? `: ${message.text}` : ''}`;
  if (message.type === 'template') return `${prefix}Template ${message.template?.name ?? ''}`.trim();
  if (message.type === 'unsupported') return 'Unsupported content';
  return `${prefix}${message.text ?? ''}`;
}
