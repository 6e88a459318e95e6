import type { LEGAL_HOLD_SCOPES } from '@bridgeline/shared';
import type { PurgedSeqs } from './verify.js';

/**
 * Retention and legal hold (docs/archive.md, "Retention and legal hold"). Each tenant keeps the words of its
 * conversations for `retentionDays` (six years by default: FINRA rule 4511 and SEC rule 17a-4 ask for six), counted
 * from the message's own time; after that the daily run removes them, unless a legal hold covers the message. What is
 * removed is content only (text, caption, template parameters, image bytes): who wrote to whom, when, on which
 * number, with which status and which SHA-256 stays, and so does the archive's chain.
 */

export const DAY_MS = 86_400_000;
/** Six years, whichever six they are: 6 × 365 days and the at most two leap days among them. */
export const DEFAULT_RETENTION_DAYS = 2192;

export type LegalHoldScope = (typeof LEGAL_HOLD_SCOPES)[number];

/** What one active hold keeps: a contact, a thread or a member, by id. */
export interface HoldTarget {
  scope: LegalHoldScope;
  targetId: string;
}

/** The facts about a message that retention decides on. */
export interface RetentionSubject {
  /** The message's time: when it entered Bridgeline (sent by a member, or received from the contact). */
  createdAt: Date;
  contactId: string;
  threadId: string;
  /** The member who wrote it (null for the contact's messages and notices). */
  senderMemberId: string | null;
  /** Every member who is or ever was a participant of the message's thread, whatever their history window. */
  participantIds: readonly string[];
  /** Whether the message still waits to go out (held, queued or sending): its words are yet to be sent. */
  awaitingDelivery: boolean;
}

/**
 * The instant before which content is past retention: `now` less `retentionDays` whole days. A message at exactly
 * that instant is still within retention.
 */
export function retentionCutoff(now: Date, retentionDays: number): Date {
  if (!Number.isInteger(retentionDays) || retentionDays < 1)
    throw new RangeError(`retentionDays must be a whole number of days, at least 1 (got ${retentionDays})`);
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

export const isPastRetention = (message: Pick<RetentionSubject, 'createdAt'>, cutoff: Date): boolean =>
  message.createdAt.getTime() < cutoff.getTime();

/**
 * Whether a hold covers a message. A contact hold: every message with that contact, in any thread and on any
 * number. A thread hold: every message of the thread. A member hold: every message of every thread the member is or
 * ever was a participant of (a member's hold keeps their conversations whole, the contact's side and the other
 * members' too, including what came before they joined or after they left), and every message they wrote.
 */
export function holdCovers(hold: HoldTarget, message: RetentionSubject): boolean {
  switch (hold.scope) {
    case 'contact':
      return message.contactId === hold.targetId;
    case 'thread':
      return message.threadId === hold.targetId;
    case 'member':
      return message.senderMemberId === hold.targetId || message.participantIds.includes(hold.targetId);
  }
}

export type RetentionDecision =
  | { action: 'keep'; reason: 'within_retention' }
  | { action: 'keep'; reason: 'awaiting_delivery' }
  | { action: 'keep'; reason: 'held'; hold: HoldTarget }
  | { action: 'purge' };

/**
 * What retention does with one message's content now: keep it (within retention; not sent yet, since a held message
 * released later must still carry its words; under a hold), or purge it.
 */
export function decideRetention(
  message: RetentionSubject,
  policy: { retentionDays: number },
  holds: readonly HoldTarget[],
  now: Date,
): RetentionDecision {
  if (!isPastRetention(message, retentionCutoff(now, policy.retentionDays)))
    return { action: 'keep', reason: 'within_retention' };
  if (message.awaitingDelivery) return { action: 'keep', reason: 'awaiting_delivery' };
  const hold = holds.find((h) => holdCovers(h, message));
  return hold ? { action: 'keep', reason: 'held', hold } : { action: 'purge' };
}

/** Seq ranges (inclusive), sorted, with overlapping and touching ones merged. */
export function mergeRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const sorted = ranges
    .filter(([from, to]) => Number.isFinite(from) && Number.isFinite(to) && from <= to)
    .map(([from, to]): [number, number] => [from, to])
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}

/**
 * Whether a seq lies in one of the ranges the `retention.purged` records name: where the verifier accepts a record
 * without its content. A binary search, so verifying a long chain under years of daily purges stays linear.
 */
export function purgedSeqsOf(ranges: readonly (readonly [number, number])[]): PurgedSeqs {
  const merged = mergeRanges(ranges);
  return (seq) => {
    let lo = 0;
    let hi = merged.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [from, to] = merged[mid]!;
      if (seq < from) hi = mid - 1;
      else if (seq > to) lo = mid + 1;
      else return true;
    }
    return false;
  };
}
