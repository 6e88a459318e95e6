/**
 * Send rate limits (issue 3, item 5) as token buckets: a bucket holds at most `burst` tokens, refills at
 * `perSecond`, and each send takes one. Per business number (Meta's default throughput is 80 messages/s) and per
 * contact (about one message every 6 s, with a small burst, so a busy group thread does not trip 131056).
 * Pure: the state is stored by the caller (one row per key, under a row lock) and the time is given.
 */

export interface RateRule {
  /** Tokens added per second. */
  perSecond: number;
  /** Bucket size: how many sends may go at once after a quiet spell. */
  burst: number;
}

export interface BucketState {
  tokens: number;
  updatedAt: Date;
}

export type RateDecision = { allowed: true } | { allowed: false; waitMs: number };

export const DEFAULT_NUMBER_RATE_PER_SECOND = 80;
const EPSILON = 1e-9;
/** One message every 6 s per contact, up to three at once. */
export const DEFAULT_CONTACT_RULE: RateRule = { perSecond: 1 / 6, burst: 3 };

export function numberRule(perSecond: number): RateRule {
  // A one-second burst: sends spread evenly instead of bunching at each second's start.
  return { perSecond, burst: Math.max(1, perSecond) };
}

/** A new bucket starts full. */
export function fullBucket(rule: RateRule, now: Date): BucketState {
  return { tokens: rule.burst, updatedAt: now };
}

/**
 * Takes one token if there is one. A clock that went backwards (another process's `now` slightly behind) refills
 * nothing and never moves the bucket's time back.
 */
export function takeToken(
  bucket: BucketState,
  rule: RateRule,
  now: Date,
): { decision: RateDecision; next: BucketState } {
  const elapsedMs = Math.max(0, now.getTime() - bucket.updatedAt.getTime());
  const tokens = Math.min(rule.burst, bucket.tokens + (elapsedMs / 1000) * rule.perSecond);
  const updatedAt = elapsedMs > 0 ? now : bucket.updatedAt;
  // Rates such as 1/6 per second are not exact in binary: a token due at exactly 6 s must not be refused.
  if (tokens >= 1 - EPSILON)
    return { decision: { allowed: true }, next: { tokens: Math.max(0, tokens - 1), updatedAt } };
  const waitMs = Math.ceil(((1 - tokens) / rule.perSecond) * 1000);
  return { decision: { allowed: false, waitMs }, next: { tokens, updatedAt } };
}
