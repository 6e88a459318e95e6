import { WINDOW_MS } from '@bridgeline/shared';

/**
 * WhatsApp's 24-hour customer service window, per (business number, contact) (product.md §4):
 * open ⇔ now < last_inbound_at + 24 h, where last_inbound_at is the time Meta stamped on the contact's newest message.
 */
export interface WindowState {
  open: boolean;
  closesAt: Date | null;
}

export function windowAt(lastInboundAt: Date | null, now: Date): WindowState {
  if (lastInboundAt === null) return { open: false, closesAt: null };
  const closesAt = new Date(lastInboundAt.getTime() + WINDOW_MS);
  return { open: now.getTime() < closesAt.getTime(), closesAt };
}

/** Webhooks arrive late and out of order: an older message never moves the window back. */
export function newestInbound(current: Date | null, messageAt: Date): Date {
  return current === null || messageAt.getTime() > current.getTime() ? messageAt : current;
}
