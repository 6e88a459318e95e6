/**
 * When to retry a Teams send that failed: Microsoft asks bots to retry 429 (throttled) and also 412, 502 and 504,
 * with exponential backoff and random jitter so that many senders don't retry in step.
 */

export const RETRYABLE_TEAMS_STATUSES: readonly number[] = [412, 429, 502, 504];

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Attempts in all, the first send included. */
  maxAttempts: number;
}

export const DEFAULT_TEAMS_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 60_000, maxAttempts: 6 };

export interface FailedSend {
  status: number;
  /** 1 for the first send that failed, 2 for the first retry that failed, … */
  attempt: number;
  /** The service's `Retry-After`, in ms, when it sent one. */
  retryAfterMs?: number | null;
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false };

/**
 * "Equal jitter": half of the exponential step is fixed, half random, so a retry never comes at once and retries
 * spread out. A server's `Retry-After` is a floor. `random` returns [0, 1), like `Math.random`.
 */
export function retryAfterFailure(
  failure: FailedSend,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_TEAMS_BACKOFF,
): RetryDecision {
  if (!RETRYABLE_TEAMS_STATUSES.includes(failure.status)) return { retry: false };
  if (failure.attempt >= policy.maxAttempts) return { retry: false };
  const exponent = Math.max(0, failure.attempt - 1);
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  const jittered = Math.floor(step / 2 + (step / 2) * r);
  const floor = failure.retryAfterMs ?? 0;
  return { retry: true, delayMs: Math.max(jittered, floor) };
}
