import type { Channel, ConsentState, MessageKind, Reachability } from '@bridgeline/shared';
import { refuse, type Refusal } from './result.js';
import { windowAt } from './window.js';

/**
 * What happens to an outbound message when a member sends it (product.md §3, §4, §8):
 * send now, hold it (for consent, or for the window, sending the resume template once per pause), or refuse.
 */
export type OutboundKind = MessageKind;

export interface PairState {
  consent: ConsentState;
  reachability: Reachability;
  /** Meta's timestamp of the contact's newest message to this business number. */
  lastInboundAt: Date | null;
  /** When the resume template last went out to this contact from this business number. */
  resumeRequestedAt: Date | null;
}

export type SendDecision =
  | { ok: true; action: 'send' }
  | { ok: true; action: 'hold'; reason: 'consent' }
  | { ok: true; action: 'hold'; reason: 'window'; sendResumeTemplate: boolean }
  | Refusal;

export function decideSend(channel: Channel, kind: OutboundKind, pair: PairState, now: Date): SendDecision {
  if (pair.consent === 'opted_out') return refuse('opted_out');
  // SMS has neither opt-in template nor window: only the carrier's STOP (opted_out above) stops it.
  if (channel === 'sms') return { ok: true, action: 'send' };
  if (pair.reachability === 'unreachable') return refuse('unreachable');
  if (pair.consent === 'none') return refuse('consent_required');
  if (pair.consent === 'requested') return { ok: true, action: 'hold', reason: 'consent' };
  // Approved templates may be sent at any time once the contact opted in.
  if (kind === 'template' || windowAt(pair.lastInboundAt, now).open) return { ok: true, action: 'send' };
  return { ok: true, action: 'hold', reason: 'window', sendResumeTemplate: !resumeSentThisPause(pair) };
}

/**
 * A pause starts when the window closes; the resume template goes out once per pause, not once per message.
 * It was sent in this pause when it went out after the contact's newest message.
 */
export function resumeSentThisPause(pair: Pick<PairState, 'lastInboundAt' | 'resumeRequestedAt'>): boolean {
  if (pair.resumeRequestedAt === null) return false;
  return pair.lastInboundAt === null || pair.resumeRequestedAt.getTime() > pair.lastInboundAt.getTime();
}
