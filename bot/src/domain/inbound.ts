import type { ConsentState } from '@bridgeline/shared';
import { consentAfterInbound, type ConsentChange, type ContactIntent } from './consent.js';
import type { PairState } from './send-decision.js';
import { newestInbound, windowAt } from './window.js';

/**
 * What one message from the contact does to the (business number, contact) pair (product.md §3.2, §3.3, §4):
 * consent, the window, release of held messages, and the notice members get.
 */
export type InboundNotice =
  'opted_in' | 'opted_in_nothing_held' | 'opted_out' | 'resumed' | 'resumed_nothing_held' | null;

export interface InboundEffects {
  consent: ConsentChange;
  lastInboundAt: Date;
  /** Held messages of the pair go out now, in order. */
  releaseHeld: boolean;
  notice: InboundNotice;
  /** A message from the contact proves they are reachable again. */
  reachable: true;
}

export function inboundEffects(
  pair: PairState & { heldCount: number },
  message: { sentAt: Date; intent: ContactIntent },
  now: Date,
): InboundEffects {
  const consent = consentAfterInbound(pair.consent, message.intent);
  const lastInboundAt = newestInbound(pair.lastInboundAt, message.sentAt);
  const windowOpenBefore = windowAt(pair.lastInboundAt, now).open;
  const windowOpenAfter = windowAt(lastInboundAt, now).open;
  const releaseHeld = consent.next === 'opted_in' && windowOpenAfter && pair.heldCount > 0;
  return {
    consent,
    lastInboundAt,
    releaseHeld,
    notice: noticeFor(pair, consent, { windowOpenBefore, windowOpenAfter }, message.intent),
    reachable: true,
  };
}

function noticeFor(
  pair: PairState & { heldCount: number },
  consent: ConsentChange,
  window: { windowOpenBefore: boolean; windowOpenAfter: boolean },
  intent: ContactIntent,
): InboundNotice {
  if (consent.event === 'opted_out') return 'opted_out';
  if (consent.event === 'opted_in') {
    // A contact who simply writes first gets no "opted in" notice: their message is the news.
    if (consent.basis === 'contact_initiated') return null;
    return pair.heldCount > 0 ? 'opted_in' : 'opted_in_nothing_held';
  }
  if (!isOptedIn(consent.next)) return null;
  // A pause ends when a contact who wrote before (more than 24 h ago) writes again or taps Resume on a template
  // (the tenant's resume template or one a member sent): members hear it whether or not anything was held (§7b).
  const wasTalking = pair.lastInboundAt !== null || intent === 'resume';
  if (wasTalking && !window.windowOpenBefore && window.windowOpenAfter)
    return pair.heldCount > 0 ? 'resumed' : 'resumed_nothing_held';
  return null;
}

function isOptedIn(state: ConsentState): boolean {
  return state === 'opted_in';
}
