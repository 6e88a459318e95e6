import type { Channel, Reachability } from '@bridgeline/shared';

/**
 * The WhatsApp → SMS fallback (product.md §3.2, §8): when WhatsApp cannot reach a contact (131026), a member who has an
 * SMS number may continue with a contact who has a phone number, by SMS, in one click. Without either, nothing is
 * offered.
 */
export interface FallbackInput {
  channel: Channel;
  reachability: Reachability;
  /** The member's SMS number (a business number of the tenant), if any. */
  memberSmsNumberId: string | null;
  /** The contact's phone in E.164 (a contact known only by a WhatsApp user id has none). */
  contactPhone: string | null;
}

export function smsFallbackOffered(input: FallbackInput): boolean {
  return (
    input.channel === 'whatsapp' &&
    input.reachability === 'unreachable' &&
    input.memberSmsNumberId !== null &&
    input.contactPhone !== null
  );
}

export { retryOffered, WHATSAPP_UNDELIVERABLE } from '@bridgeline/shared';
