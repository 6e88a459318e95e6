import { describe, expect, it } from 'vitest';
import {
  fullBucket,
  numberRule,
  takeToken,
  type BucketState,
  type RateRule,
} from '../../src/domain/rate-limit.js';

const t0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);
const contact: RateRule = { perSecond: 1 / 6, burst: 3 };

function drain(rule: RateRule, times: number[]): boolean[] {
  let bucket: BucketState = fullBucket(rule, t0);
  return times.map((ms) => {
    const { decision, next } = takeToken(bucket, rule, at(ms));
    bucket = next;
    return decision.allowed;
  });
}

describe('send rate limits (token buckets)', () => {
  it('lets a contact receive a burst of three, then one every six seconds', () => {
    expect(drain(contact, [0, 0, 0, 0])).toEqual([true, true, true, false]);
    expect(drain(contact, [0, 0, 0, 5_999, 6_000, 6_001, 12_000])).toEqual([
      true,
      true,
      true,
      false,
      true,
      false,
      true,
    ]);
  });

  it('answers exactly how long to wait for the next token', () => {
    let bucket = fullBucket(contact, t0);
    for (let i = 0; i < 3; i++) bucket = takeToken(bucket, contact, t0).next;
    const refused = takeToken(bucket, contact, at(1_500));
    expect(refused.decision).toEqual({ allowed: false, waitMs: 4_500 });
    expect(takeToken(refused.next, contact, at(6_000)).decision).toEqual({ allowed: true });
  });

  it('holds a business number to its configured rate over a long run', () => {
    const rule = numberRule(80);
    const times = Array.from({ length: 10_000 }, (_, i) => i); // a send attempt every millisecond for 10 s
    const allowed = drain(rule, times).filter(Boolean).length;
    // The initial burst of 80, then 80 per second.
    expect(allowed).toBeGreaterThanOrEqual(80 + 80 * 9.99 - 1);
    expect(allowed).toBeLessThanOrEqual(80 + 80 * 10);
  });

  it('never refills beyond the burst after a quiet hour', () => {
    expect(drain(contact, [3_600_000, 3_600_000, 3_600_000, 3_600_000])).toEqual([true, true, true, false]);
  });

  it('ignores a clock that goes backwards instead of refilling or moving the bucket back', () => {
    let bucket = fullBucket(contact, at(10_000));
    for (let i = 0; i < 3; i++) bucket = takeToken(bucket, contact, at(10_000)).next;
    const earlier = takeToken(bucket, contact, at(4_000));
    expect(earlier.decision.allowed).toBe(false);
    expect(earlier.next.updatedAt).toEqual(at(10_000));
  });

  it('makes the configured rate the burst of a business number, and at least one', () => {
    expect(numberRule(80)).toEqual({ perSecond: 80, burst: 80 });
    expect(numberRule(0.5)).toEqual({ perSecond: 0.5, burst: 1 });
  });
});
