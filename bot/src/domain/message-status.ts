import type { MessageStatus } from '@bridgeline/shared';

/**
 * Message status only moves forward (product.md §5): held → queued → sending → sent → delivered → read.
 * Statuses arrive duplicated and out of order, so a late `delivered` never downgrades `read`.
 * `failed` ends a message that was not yet delivered; a retry is a new message.
 */
const RANK: Record<Exclude<MessageStatus, 'failed'>, number> = {
  held: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  read: 5,
};

/** The status after `incoming` is applied to `current`, or null when nothing changes. */
export function mergeStatus(current: MessageStatus, incoming: MessageStatus): MessageStatus | null {
  if (current === incoming || current === 'failed') return null;
  if (incoming === 'failed') return RANK[current] < RANK.delivered ? 'failed' : null;
  return RANK[incoming] > RANK[current] ? incoming : null;
}

/** Statuses at which a message may move, used as the guard of the persisted transition. */
export function statusesBelow(target: MessageStatus): MessageStatus[] {
  return (['held', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed'] as const).filter(
    (s) => mergeStatus(s, target) === target,
  );
}
