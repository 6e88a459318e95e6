import { describe, expect, it } from 'vitest';
import { DEFAULT_TEAMS_BACKOFF, retryAfterFailure } from '../../../src/teams/limits/index.js';

const low = (): number => 0;
const high = (): number => 0.999_999;

describe('retryAfterFailure', () => {
  it.each([429, 412, 502, 504])('retries %i', (status) => {
    expect(retryAfterFailure({ status, attempt: 1 }, low)).toEqual({ retry: true, delayMs: 500 });
  });

  it.each([400, 401, 403, 404, 413, 500])('does not retry %i', (status) => {
    expect(retryAfterFailure({ status, attempt: 1 }, low)).toEqual({ retry: false });
  });

  it('doubles the step each attempt, with half of it random', () => {
    expect([1, 2, 3, 4].map((attempt) => retryAfterFailure({ status: 429, attempt }, low))).toEqual([
      { retry: true, delayMs: 500 },
      { retry: true, delayMs: 1_000 },
      { retry: true, delayMs: 2_000 },
      { retry: true, delayMs: 4_000 },
    ]);
    expect(retryAfterFailure({ status: 429, attempt: 3 }, high)).toEqual({ retry: true, delayMs: 3_999 });
    expect(retryAfterFailure({ status: 429, attempt: 3 }, () => 0.5)).toEqual({
      retry: true,
      delayMs: 3_000,
    });
  });

  it('caps the step', () => {
    const policy = { ...DEFAULT_TEAMS_BACKOFF, maxAttempts: 100 };
    expect(retryAfterFailure({ status: 429, attempt: 30 }, high, policy)).toEqual({
      retry: true,
      delayMs: 59_999,
    });
  });

  it("never retries sooner than the service's Retry-After", () => {
    expect(retryAfterFailure({ status: 429, attempt: 1, retryAfterMs: 7_000 }, high)).toEqual({
      retry: true,
      delayMs: 7_000,
    });
    expect(retryAfterFailure({ status: 429, attempt: 5, retryAfterMs: 100 }, low)).toEqual({
      retry: true,
      delayMs: 8_000,
    });
  });

  it('gives up after the last attempt', () => {
    expect(
      retryAfterFailure({ status: 429, attempt: DEFAULT_TEAMS_BACKOFF.maxAttempts - 1 }, low),
    ).toMatchObject({
      retry: true,
    });
    expect(retryAfterFailure({ status: 429, attempt: DEFAULT_TEAMS_BACKOFF.maxAttempts }, low)).toEqual({
      retry: false,
    });
  });
});
