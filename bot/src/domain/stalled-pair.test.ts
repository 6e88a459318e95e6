import { describe, expect, it } from 'vitest';
import { decideStalledPair, queuedStalledBy, STALLED_QUEUED_AFTER_MS } from './stalled-pair.js';

/** An injected clock: the rule reads no time of its own. */
const queuedAt = new Date('2026-03-02T09:00:00Z');
const clockAt = (ms: number) => ({ now: () => new Date(queuedAt.getTime() + ms) });
const SECOND = 1_000;

const waiting = { oldestQueuedAt: queuedAt, inFlight: false };

describe("a pair's queued messages that no drain took", () => {
  it('waits twenty seconds after the oldest became queued for a drain to take it', () => {
    expect(STALLED_QUEUED_AFTER_MS).toBe(20 * SECOND);
    expect(decideStalledPair(waiting, clockAt(20 * SECOND - 1).now())).toEqual({
      action: 'wait',
      until: new Date(queuedAt.getTime() + 20 * SECOND),
    });
  });

  it('is drained again once twenty seconds have passed, exactly at the boundary and after', () => {
    for (const after of [20 * SECOND, 21 * SECOND, 24 * 3_600 * SECOND])
      expect(decideStalledPair(waiting, clockAt(after).now())).toEqual({ action: 'redrain' });
  });

  it('is never drained again while a message of the pair is in flight (the unconfirmed-send rule decides)', () => {
    for (const after of [0, 20 * SECOND, 24 * 3_600 * SECOND])
      expect(decideStalledPair({ ...waiting, inFlight: true }, clockAt(after).now())).toEqual({
        action: 'none',
      });
  });

  it("bounds the sweep's query at the same instant as the rule", () => {
    const now = clockAt(20 * SECOND).now();
    expect(queuedStalledBy(now)).toEqual(queuedAt);
    expect(decideStalledPair({ ...waiting, oldestQueuedAt: queuedStalledBy(now) }, now)).toEqual({
      action: 'redrain',
    });
  });
});
