import type { MessageStatus } from '@bridgeline/shared';
import { isUnconfirmedSend } from './unconfirmed-send.js';

/**
 * Message status only moves forward (product.md §5): held → queued → sending → sent → delivered → read.
 * Statuses arrive duplicated and out of order, so a late `delivered` never downgrades `read`.
 * `failed` ends a message that was not yet delivered; a retry is a new message. One exception: a message failed only
 * because Bridgeline could not confirm it was sent (`stuck_unknown`) moves on when Meta reports it sent, delivered
 * or read after all — that is the truth, and it stops the member from retrying into a duplicate.
 */
const RANK: Record<Exclude<MessageStatus, 'failed'>, number> = {
  held: 0,
  queued: 1,
  sending: 2,
  sent: 3,
  delivered: 4,
  read: 5,
};

/** Why a failed message failed; only its code matters here. */
type Failure = { code: string } | null | undefined;

/**
 * The status after `incoming` is applied to `current`, or null when nothing changes. `failure` is the current
 * message's error, when it has one.
 */
export function mergeStatus(
  current: MessageStatus,
  incoming: MessageStatus,
  failure: Failure = null,
): MessageStatus | null {
  if (current === incoming) return null;
  if (current === 'failed')
    return isUnconfirmedSend(failure) && incoming !== 'failed' && RANK[incoming] >= RANK.sent
      ? incoming
      : null;
  if (incoming === 'failed') return RANK[current] < RANK.delivered ? 'failed' : null;
  return RANK[incoming] > RANK[current] ? incoming : null;
}

/**
 * Statuses at which a message may move to `target`, used as the guard of the persisted transition. `failure` is the
 * message's error as read: `failed` is in the guard only for an unconfirmed send, whose error no status changes.
 */
export function statusesBelow(target: MessageStatus, failure: Failure = null): MessageStatus[] {
  return (['held', 'queued', 'sending', 'sent', 'delivered', 'read', 'failed'] as const).filter(
    (s) => mergeStatus(s, target, s === 'failed' ? failure : null) === target,
  );
}
