import type { Channel, ConsentState, MessageKind, Reachability } from '@bridgeline/shared';
import type { NoticeKind } from './notices.js';
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

/**
 * Texts Bridgeline writes to the contact on its own (product.md §3.2, §4, §7, §7b): the consent confirmations after
 * the contact's answer, and the lines about the people they talk to ("Alex left the conversation").
 */
export type AutomaticText = 'opt_in_confirmation' | 'opt_out_confirmation' | 'notice';

export function automaticTextOf(kind: NoticeKind): AutomaticText {
  if (kind === 'opted_in' || kind === 'opted_in_nothing_held') return 'opt_in_confirmation';
  return kind === 'opted_out' ? 'opt_out_confirmation' : 'notice';
}

export type AutomaticTextDecision =
  | {
      ok: true;
      action: 'send' | 'hold';
      /**
       * The opt-in confirmation leaves before the messages held for the contact until now (§7b: the contact sees it
       * before the held messages it releases).
       */
      aheadOfHeld: boolean;
      /** A held opt-in confirmation with members' messages waiting too: the resume template, once per pause. */
      sendResumeTemplate: boolean;
    }
  | { ok: true; action: 'skip' };

/**
 * An automatic free-form text follows the window rule of members' messages (§7b): sent while the window is open,
 * held while it is closed (released in order when the contact writes). A held opt-in confirmation asks the contact
 * to resume (once per pause) when messages held for consent now wait for the window; a line about the people never
 * sends a template on its own.
 * The opt-out confirmation is never held: an opted-out contact gets nothing later, so it goes only while the window
 * their STOP opened is still open. Lines about the people wait for no consent: before opt-in they are skipped.
 * `pair` is the state after the contact's answer, when there is one.
 */
export function decideAutomaticText(
  channel: Channel,
  text: AutomaticText,
  pair: PairState & { heldCount: number },
  now: Date,
): AutomaticTextDecision {
  if (text === 'opt_out_confirmation') {
    const open = channel === 'sms' || windowAt(pair.lastInboundAt, now).open;
    return open ? { ok: true, action: 'send', aheadOfHeld: false, sendResumeTemplate: false } : skip;
  }
  const aheadOfHeld = text === 'opt_in_confirmation';
  const decision = decideSend(channel, 'text', pair, now);
  if (!decision.ok) return skip;
  if (decision.action === 'send') return { ok: true, action: 'send', aheadOfHeld, sendResumeTemplate: false };
  if (decision.reason === 'consent') return skip;
  return {
    ok: true,
    action: 'hold',
    aheadOfHeld,
    // Only at the opt-in do members' messages wait with nobody having asked: those held for consent.
    sendResumeTemplate: aheadOfHeld && decision.sendResumeTemplate && pair.heldCount > 0,
  };
}

const skip: AutomaticTextDecision = { ok: true, action: 'skip' };
