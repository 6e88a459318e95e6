/**
 * A pair's queue with no drain (docs/whatsapp.md "Crash safety"). A message to a contact is `queued` until a `deliver`
 * job of its (business number, contact) claims it. That job can die with its worker after being fetched and before
 * its first claim (pg-boss keeps it `active` until it expires, 15 minutes), or end just before a message committed
 * behind it (a burst's later send finds the pair's waiting job and queues none of its own). Then nothing sends the
 * pair's queued messages. While a drain runs, the pair always has a message in `sending` or is inside a claim, so a
 * queued message that has waited longer than a normal drain takes, with nothing of its pair in flight, has no drain:
 * the sweep schedules one. Another drain of the pair is harmless (the claim is guarded, ADR 0007), and nothing in
 * flight is touched: a message in `sending` waits for the unconfirmed-send rule and is never resent.
 */

/** How long a pair's oldest queued message may wait, with nothing of the pair in flight, before it is drained again. */
export const STALLED_QUEUED_AFTER_MS = 20_000;

export interface PairQueue {
  /** When the pair's oldest `queued` message became queued (its last change). Held messages do not count. */
  oldestQueuedAt: Date;
  /** Whether one of the pair's messages is in `sending` (claimed, Meta's answer not recorded). */
  inFlight: boolean;
}

export type StalledPairDecision =
  /** Something of the pair is in flight: its drain is alive, or the unconfirmed-send rule decides. */
  | { action: 'none' }
  /** A drain may still be on its way: look again at `until`. */
  | { action: 'wait'; until: Date }
  /** No drain has taken it: schedule the pair's delivery again (which keeps its order and resends nothing). */
  | { action: 'redrain' };

export function decideStalledPair(pair: PairQueue, now: Date): StalledPairDecision {
  if (pair.inFlight) return { action: 'none' };
  const until = new Date(pair.oldestQueuedAt.getTime() + STALLED_QUEUED_AFTER_MS);
  if (now.getTime() < until.getTime()) return { action: 'wait', until };
  return { action: 'redrain' };
}

/** Messages queued at or before this time may be stalled: the bound of the sweep's query. */
export function queuedStalledBy(now: Date): Date {
  return new Date(now.getTime() - STALLED_QUEUED_AFTER_MS);
}
