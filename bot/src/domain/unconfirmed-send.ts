import type { MessageStatus } from '@bridgeline/shared';

/**
 * A send Meta never answered (product.md §5, docs/whatsapp.md "Crash safety"). A message moves to `sending` when a
 * worker claims it and to `sent` when Meta's answer (its id) is recorded; a crash in between leaves it in `sending`.
 * Meta has no idempotency key for sends, so sending it again could reach the contact twice: after a while it is
 * failed instead, with a reason the member understands and a Retry, and never resent automatically.
 */

/** How long a message may stay in `sending` without Meta's id before Bridgeline stops waiting for it. */
export const UNCONFIRMED_SEND_AFTER_MS = 5 * 60_000;

/** The stable reason of such a failure, shown to the member. */
export const UNCONFIRMED_SEND_ERROR = {
  code: 'stuck_unknown',
  title:
    'Bridgeline could not confirm this message was sent. It was not sent again, to avoid a duplicate; retry if needed.',
} as const;

export interface ClaimedSend {
  status: MessageStatus;
  providerMessageId: string | null;
  /** When a worker claimed it for sending (moved it to `sending`). */
  sendingAt: Date;
}

export type UnconfirmedSendDecision =
  /** Not an unanswered send: another status, or Meta's id is known. */
  | { action: 'none' }
  /** Meta may still answer (or its status webhook arrive): look again at `until`. */
  | { action: 'wait'; until: Date }
  /** Stop waiting: failed with the reason. There is deliberately no "resend": a duplicate is worse than a Retry. */
  | { action: 'fail'; error: { code: string; title: string } };

export function decideUnconfirmedSend(message: ClaimedSend, now: Date): UnconfirmedSendDecision {
  if (message.status !== 'sending' || message.providerMessageId !== null) return { action: 'none' };
  const until = unconfirmedAt(message.sendingAt);
  if (now.getTime() < until.getTime()) return { action: 'wait', until };
  return { action: 'fail', error: { ...UNCONFIRMED_SEND_ERROR } };
}

/** Messages claimed at or before this time may be unanswered sends: the bound of the sweep's query. */
export function claimedUnconfirmedBy(now: Date): Date {
  return new Date(now.getTime() - UNCONFIRMED_SEND_AFTER_MS);
}

/** Whether a failure is only "we could not confirm it was sent" (which a later status from Meta can disprove). */
export function isUnconfirmedSend(error: { code: string } | null | undefined): boolean {
  return error?.code === UNCONFIRMED_SEND_ERROR.code;
}

function unconfirmedAt(sendingAt: Date): Date {
  return new Date(sendingAt.getTime() + UNCONFIRMED_SEND_AFTER_MS);
}
