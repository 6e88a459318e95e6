/**
 * In a thread with more than one member, the contact needs to know who is writing (product.md §5):
 * text to the contact is prefixed with the sender's name.
 */
export function textForContact(text: string, senderName: string, activeMemberCount: number): string {
  return activeMemberCount > 1 ? `*${senderName}:* ${text}` : text;
}
