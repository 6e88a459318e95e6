import type { Channel, MessageKind } from './vocabulary.js';

/** Limits of the product, shared by the server (enforcement) and the tab (hints). */
export const MAX_THREAD_MEMBERS = 10;
export const MAX_TEXT_LENGTH = 4096;
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const IMAGE_MIME_TYPES = ['image/jpeg', 'image/png'] as const;
/** WhatsApp's customer service window. */
export const WINDOW_MS = 24 * 60 * 60 * 1000;
/** A member may resend the opt-in request at most once per this interval. */
export const OPT_IN_RESEND_MS = 24 * 60 * 60 * 1000;
export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 100;

const CHANNEL_CARRIES: Record<Channel, readonly MessageKind[]> = {
  whatsapp: ['text', 'image', 'template'],
  sms: ['text'],
};
/** Whether a channel carries a kind of message (product.md §8: SMS is text only). The server refuses the rest. */
export function channelCarries(channel: Channel, kind: MessageKind): boolean {
  return CHANNEL_CARRIES[channel].includes(kind);
}
