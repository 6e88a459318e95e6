import type { Channel, ConsentState, Reachability } from '@bridgeline/shared';
import { OPT_IN_RESEND_MS } from '@bridgeline/shared';
import { refuse, type Decision } from './result.js';

/**
 * Consent of one contact towards one business number (product.md §3):
 * none → requested → opted_in | opted_out; opted_out → opted_in again when the contact says "yes".
 */

/** What an inbound message means for consent and the window, read from a button payload or the text. */
export type ContactIntent = 'accept' | 'reject' | 'resume' | null;

/** Quick-reply payloads Bridgeline puts on its opt-in and resume templates. */
export const BUTTON_PAYLOADS = {
  accept: 'BRIDGELINE_OPT_IN',
  reject: 'BRIDGELINE_OPT_OUT',
  resume: 'BRIDGELINE_RESUME',
} as const;

const ACCEPT_WORDS = new Set(['yes', 'start', 'unstop']);
const REJECT_WORDS = new Set(['stop', 'unsubscribe', 'stopall', 'cancel', 'end', 'quit']);

export function intentOf(input: {
  buttonPayload?: string | undefined;
  text?: string | undefined;
}): ContactIntent {
  if (input.buttonPayload !== undefined) {
    if (input.buttonPayload === BUTTON_PAYLOADS.accept) return 'accept';
    if (input.buttonPayload === BUTTON_PAYLOADS.reject) return 'reject';
    if (input.buttonPayload === BUTTON_PAYLOADS.resume) return 'resume';
  }
  // Keywords count only as the whole message: "stop by tomorrow" is a message, not an opt-out.
  const word = input.text
    ?.trim()
    .toLowerCase()
    .replace(/[.!]+$/, '');
  if (word === undefined) return null;
  if (ACCEPT_WORDS.has(word)) return 'accept';
  if (REJECT_WORDS.has(word)) return 'reject';
  return null;
}

export type ConsentChange = {
  next: ConsentState;
  event: 'opted_in' | 'opted_out' | null;
  basis: string | null;
};

/** Consent after a message from the contact. A contact may always write first (§3.3). */
export function consentAfterInbound(current: ConsentState, intent: ContactIntent): ConsentChange {
  if (intent === 'reject') {
    return current === 'opted_out'
      ? { next: current, event: null, basis: null }
      : { next: 'opted_out', event: 'opted_out', basis: 'stop' };
  }
  if (intent === 'accept') {
    return current === 'opted_in'
      ? { next: current, event: null, basis: null }
      : { next: 'opted_in', event: 'opted_in', basis: 'accept' };
  }
  // A contact-initiated conversation needs no opt-in request; an opted-out contact must say "yes".
  if (current === 'none') return { next: 'opted_in', event: 'opted_in', basis: 'contact_initiated' };
  return { next: current, event: null, basis: null };
}

export type StartThreadDecision = Decision<{ sendOptIn: boolean }>;

/** Whether a member may open a thread with a contact, and whether the opt-in request goes out (§3.1, §7 restart). */
export function decideStartThread(input: {
  channel: Channel;
  consent: ConsentState;
  reachability: Reachability;
  confirmOptIn: boolean;
}): StartThreadDecision {
  const { channel, consent } = input;
  if (consent === 'opted_out') return refuse('opted_out');
  if (channel === 'sms') return { ok: true, sendOptIn: false };
  if (input.reachability === 'unreachable') return refuse('unreachable');
  if (consent === 'none')
    return input.confirmOptIn ? { ok: true, sendOptIn: true } : refuse('consent_required');
  return { ok: true, sendOptIn: false };
}

/** "Resend opt-in request": only while no answer came, at most once per 24 h (§3.2). */
export function decideResendOptIn(input: {
  consent: ConsentState;
  reachability: Reachability;
  lastRequestedAt: Date | null;
  now: Date;
}): Decision {
  if (input.consent === 'opted_out') return refuse('opted_out');
  if (input.consent === 'opted_in') return refuse('already_opted_in');
  if (input.reachability === 'unreachable') return refuse('unreachable');
  if (
    input.lastRequestedAt !== null &&
    input.now.getTime() - input.lastRequestedAt.getTime() < OPT_IN_RESEND_MS
  ) {
    return refuse('opt_in_too_soon');
  }
  return { ok: true };
}

export function canResendOptIn(input: Parameters<typeof decideResendOptIn>[0]): boolean {
  return decideResendOptIn(input).ok;
}
