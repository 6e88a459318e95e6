import { describe, expect, it } from 'vitest';
import { inboundEffects } from './inbound.js';
import type { PairState } from './send-decision.js';

const now = new Date('2026-03-02T10:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const pair = (over: Partial<PairState & { heldCount: number }> = {}) => ({
  consent: 'opted_in' as const,
  reachability: 'ok' as const,
  lastInboundAt: hoursAgo(1),
  resumeRequestedAt: null,
  heldCount: 0,
  ...over,
});

describe('a message from the contact', () => {
  it('releases held messages when the contact accepts the opt-in', () => {
    const e = inboundEffects(
      pair({ consent: 'requested', lastInboundAt: null, heldCount: 2 }),
      {
        sentAt: now,
        intent: 'accept',
      },
      now,
    );
    expect(e).toMatchObject({ releaseHeld: true, notice: 'opted_in', consent: { next: 'opted_in' } });
  });

  it('tells members they can start the conversation when nothing was held at the opt-in', () => {
    const e = inboundEffects(
      pair({ consent: 'requested', lastInboundAt: null }),
      { sentAt: now, intent: 'accept' },
      now,
    );
    expect(e).toMatchObject({ releaseHeld: false, notice: 'opted_in_nothing_held' });
  });

  it('keeps messages held and notifies members when the contact rejects the opt-in', () => {
    const e = inboundEffects(
      pair({ consent: 'requested', heldCount: 3 }),
      { sentAt: now, intent: 'reject' },
      now,
    );
    expect(e).toMatchObject({ releaseHeld: false, notice: 'opted_out', consent: { next: 'opted_out' } });
  });

  it('opens the window and releases messages held since the pause when the contact resumes', () => {
    const e = inboundEffects(
      pair({ lastInboundAt: hoursAgo(30), resumeRequestedAt: hoursAgo(3), heldCount: 2 }),
      { sentAt: hoursAgo(0.01), intent: 'resume' },
      now,
    );
    expect(e).toMatchObject({ releaseHeld: true, notice: 'resumed', lastInboundAt: hoursAgo(0.01) });
  });

  it('opens the window when the contact writes anything after a pause, not only the resume button', () => {
    const e = inboundEffects(
      pair({ lastInboundAt: hoursAgo(30), heldCount: 1 }),
      { sentAt: now, intent: null },
      now,
    );
    expect(e.releaseHeld).toBe(true);
  });

  it('sends members the [Auto Message] notice when the contact resumes and nothing was held', () => {
    const e = inboundEffects(
      pair({ lastInboundAt: hoursAgo(30), resumeRequestedAt: hoursAgo(3), heldCount: 0 }),
      { sentAt: now, intent: 'resume' },
      now,
    );
    expect(e.notice).toBe('resumed_nothing_held');
  });

  it('sends members the [Auto Message] notice when a contact silent for more than 24 hours writes, nothing held, no resume template sent', () => {
    const e = inboundEffects(pair({ lastInboundAt: hoursAgo(30) }), { sentAt: now, intent: null }, now);
    expect(e.notice).toBe('resumed_nothing_held');
  });

  it('sends members the [Auto Message] notice when the contact taps Resume on a template a member sent', () => {
    const e = inboundEffects(
      pair({ lastInboundAt: hoursAgo(50), resumeRequestedAt: null }),
      { sentAt: now, intent: 'resume' },
      now,
    );
    expect(e.notice).toBe('resumed_nothing_held');
  });

  it('adds no notice when the contact simply writes inside an open window', () => {
    expect(inboundEffects(pair(), { sentAt: now, intent: null }, now).notice).toBeNull();
  });

  it('does not open the window for a message Meta stamped 25 hours ago that arrives only now', () => {
    const e = inboundEffects(
      pair({ lastInboundAt: hoursAgo(40), heldCount: 2 }),
      {
        sentAt: hoursAgo(25),
        intent: null,
      },
      now,
    );
    expect(e).toMatchObject({ releaseHeld: false, notice: null, lastInboundAt: hoursAgo(25) });
  });

  it('never releases held messages to a contact who opted out, even when they write', () => {
    const e = inboundEffects(
      pair({ consent: 'opted_out', heldCount: 2 }),
      { sentAt: now, intent: null },
      now,
    );
    expect(e.releaseHeld).toBe(false);
  });

  it('treats a first message from a contact without consent as contact-initiated consent, with no notice', () => {
    const e = inboundEffects(
      pair({ consent: 'none', lastInboundAt: null }),
      { sentAt: now, intent: null },
      now,
    );
    expect(e).toMatchObject({ consent: { next: 'opted_in', basis: 'contact_initiated' }, notice: null });
  });
});
