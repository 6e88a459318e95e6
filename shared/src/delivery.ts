import type { Channel } from './vocabulary.js';

/** WhatsApp's "message undeliverable" (the number is not on WhatsApp, or it blocks the business). */
export const WHATSAPP_UNDELIVERABLE = '131026';

/**
 * Whether a failed message offers Retry (product.md §3.2, §5): a retry is a new send, which cannot help a message
 * WhatsApp says it cannot deliver to this contact (131026); every other failure may be worth another try. Shared: the
 * tab hides the button by the rule the server applies.
 */
export function retryOffered(channel: Channel, errorCode: string | null | undefined): boolean {
  return !(channel === 'whatsapp' && errorCode === WHATSAPP_UNDELIVERABLE);
}
