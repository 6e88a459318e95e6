import { describe, expect, it } from 'vitest';
import {
  decideSend,
  pruneSendHistory,
  TEAMS_CONVERSATION_WINDOWS,
  teamsSendLimits,
  type SendHistory,
  type SendWindow,
} from '../../../src/teams/limits/index.js';

const limits = teamsSendLimits(50);
const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);

/** The most sends any window of length w ending at a send time ever held. */
function busiestWindow(sends: number[], windowMs: number): number {
  return Math.max(0, ...sends.map((end) => sends.filter((t) => t > end - windowMs && t <= end).length));
}

/** Sends `count` times as fast as the limiter allows, with a fake clock; returns the send times. */
function sendAsFastAsAllowed(count: number, start: number, tenantSends: number[] = []): number[] {
  const sends: number[] = [];
  let now = start;
  while (sends.length < count) {
    const decision = decideSend({ conversation: sends, tenant: [...tenantSends, ...sends] }, now, limits);
    if (decision.allowed) {
      sends.push(now);
    } else {
      expect(decision.retryAfterMs).toBeGreaterThan(0);
      now += decision.retryAfterMs;
    }
  }
  return sends;
}

/** The naive rule, for comparison: every window holds fewer than `max` sends newer than now − w. */
function naiveAllowed(sends: number[], now: number, windows: readonly SendWindow[]): boolean {
  return windows.every(({ windowMs, max }) => sends.filter((t) => t > now - windowMs).length < max);
}

describe('decideSend', () => {
  it('lets a burst of 100 sends to one conversation through without exceeding any window', () => {
    const sends = sendAsFastAsAllowed(100, T0);
    expect(sends).toHaveLength(100);
    for (const { windowMs, max } of TEAMS_CONVERSATION_WINDOWS) {
      expect(busiestWindow(sends, windowMs), `${max} per ${windowMs} ms`).toBe(Math.min(max, 100));
    }
    // As fast as allowed: 7 at once, the 8th a second later, then 8 every 2 s up to 60, then the 30 s window.
    expect(sends.slice(0, 9).map((t) => t - T0)).toEqual([0, 0, 0, 0, 0, 0, 0, 1_000, 2_000]);
    expect(sends[60]! - T0).toBe(30_000);
  });

  it('gives the exact earliest time: allowed at now + retryAfterMs, refused one millisecond before', () => {
    const sends = [T0, T0 + 100, T0 + 200, T0 + 300, T0 + 400, T0 + 500, T0 + 600];
    const now = T0 + 700;
    const decision = decideSend({ conversation: sends, tenant: sends }, now, limits);
    expect(decision).toEqual({ allowed: false, retryAfterMs: 300 });
    expect(decideSend({ conversation: sends, tenant: sends }, now + 299, limits).allowed).toBe(false);
    expect(decideSend({ conversation: sends, tenant: sends }, now + 300, limits)).toEqual({ allowed: true });
  });

  it('agrees with a naive count, and its retryAfterMs is exact, over many random histories', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const windows = [...limits.conversation];
    for (let round = 0; round < 300; round++) {
      const span = [2_000, 40_000, 4_000_000][round % 3]!;
      const sends = Array.from(
        { length: Math.floor(random() * 120) },
        () => T0 + Math.floor(random() * span),
      );
      if (round % 3 === 2) sends.push(...Array.from({ length: 1_790 }, (_, i) => T0 + i * 2_000));
      const now = T0 + span;
      const history: SendHistory = { conversation: sends, tenant: [] };
      const decision = decideSend(history, now, limits);
      expect(decision.allowed).toBe(naiveAllowed(sends, now, windows));
      if (!decision.allowed) {
        expect(naiveAllowed(sends, now + decision.retryAfterMs - 1, windows)).toBe(false);
        expect(naiveAllowed(sends, now + decision.retryAfterMs, windows)).toBe(true);
      }
    }
  });

  it('holds 1,800 sends per hour to one conversation', () => {
    // One a second keeps the short windows happy; the hour fills after 1,800 s.
    const sends = Array.from({ length: 1_800 }, (_, i) => T0 + i * 1_000);
    const now = T0 + 1_800_000;
    expect(decideSend({ conversation: sends, tenant: [] }, now, limits)).toEqual({
      allowed: false,
      retryAfterMs: 3_600_000 - 1_800_000,
    });
  });

  it('holds the tenant to 50 sends a second across conversations', () => {
    const tenant = Array.from({ length: 50 }, (_, i) => T0 + i * 10);
    const now = T0 + 500;
    expect(decideSend({ conversation: [], tenant }, now, limits)).toEqual({
      allowed: false,
      retryAfterMs: 500,
    });
    expect(decideSend({ conversation: [], tenant }, now, teamsSendLimits(60))).toEqual({ allowed: true });
  });

  it('waits for the later of the conversation and the tenant limits', () => {
    const conversation = Array.from({ length: 7 }, () => T0);
    const tenant = [...conversation, ...Array.from({ length: 50 }, () => T0 + 900)];
    expect(decideSend({ conversation, tenant }, T0 + 950, limits)).toEqual({
      allowed: false,
      retryAfterMs: 950,
    });
  });

  it('allows the first send', () => {
    expect(decideSend({ conversation: [], tenant: [] }, T0, limits)).toEqual({ allowed: true });
  });
});

describe('pruneSendHistory', () => {
  it('keeps only the sends the longest window still sees', () => {
    const now = T0 + 3_600_000;
    expect(pruneSendHistory([T0 - 1, T0, T0 + 1, now], now, TEAMS_CONVERSATION_WINDOWS)).toEqual([
      T0 + 1,
      now,
    ]);
  });

  it('does not change a decision', () => {
    const sends = Array.from({ length: 2_000 }, (_, i) => T0 + i * 2_000);
    const now = T0 + 2_000 * 2_000;
    const pruned = pruneSendHistory(sends, now, limits.conversation);
    expect(pruned.length).toBeLessThanOrEqual(1_800);
    expect(decideSend({ conversation: pruned, tenant: [] }, now, limits)).toEqual(
      decideSend({ conversation: sends, tenant: [] }, now, limits),
    );
  });
});
