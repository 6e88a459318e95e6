import { describe, expect, it } from 'vitest';
import {
  classifyGraphError,
  classifyTransportFailure,
  retryDelayMs,
  type ErrorDecision,
} from './graph-errors.js';

describe('classifyGraphError', () => {
  it('marks the contact unreachable on 131026, so SMS can be offered', () => {
    expect(classifyGraphError({ code: 131026 }).kind).toBe('unreachable');
  });

  it('holds the message for the resume template on 131047', () => {
    expect(classifyGraphError({ code: 131047, httpStatus: 400 }).kind).toBe('window_closed');
  });

  it.each([
    [130429, 1_000],
    [131056, 6_000],
    [131048, 900_000],
    [4, 60_000],
    [17, 60_000],
    [80007, 60_000],
    [1, 5_000],
    [2, 5_000],
    [131000, 5_000],
    [133004, 5_000],
  ])('retries %i with a backoff hint of %i ms', (code, backoffMs) => {
    expect(classifyGraphError({ code })).toMatchObject({ kind: 'retry', code, backoffMs });
  });

  it.each([100, 131008, 131009, 131051, 131053, 130472, 131049, 131050])('fails %i for good', (code) => {
    expect(classifyGraphError({ code, httpStatus: 400 }).kind).toBe('permanent');
  });

  it.each([132000, 132001, 132005, 132007, 132012, 132015, 132016])(
    'fails template error %i for good',
    (code) => {
      expect(classifyGraphError({ code, httpStatus: 400 })).toMatchObject({ kind: 'permanent', code });
    },
  );

  it.each([190, 104, 0, 3, 10, 200, 299, 131031, 133010])('reports %i as a configuration problem', (code) => {
    expect(classifyGraphError({ code, httpStatus: 401 }).kind).toBe('config');
  });

  it('names the variable to fix when the token is invalid', () => {
    expect(classifyGraphError({ code: 190 }).reason).toContain('WHATSAPP_ACCESS_TOKEN');
  });

  it('decides by code, not by HTTP status, when the code is known', () => {
    // 131047 arrives with HTTP 400 but is not a plain failure; 130429 is retried even without a 429.
    expect(classifyGraphError({ code: 131047, httpStatus: 400 }).kind).toBe('window_closed');
    expect(classifyGraphError({ code: 130429, httpStatus: 400 }).kind).toBe('retry');
  });

  it('falls back on the HTTP status and is_transient for unknown codes', () => {
    expect(classifyGraphError({ code: 999999, httpStatus: 503 }).kind).toBe('retry');
    expect(classifyGraphError({ code: 999999, httpStatus: 429 }).kind).toBe('retry');
    expect(classifyGraphError({ code: 999999, httpStatus: 400, isTransient: true }).kind).toBe('retry');
    expect(classifyGraphError({ code: 999999, httpStatus: 403 }).kind).toBe('config');
    expect(classifyGraphError({ code: 999999, httpStatus: 400 }).kind).toBe('permanent');
    expect(classifyGraphError({ httpStatus: 502 }).kind).toBe('retry');
    expect(classifyGraphError({}).kind).toBe('permanent');
  });
});

describe('classifyTransportFailure', () => {
  it('retries timeouts and network errors', () => {
    expect(classifyTransportFailure('timeout').kind).toBe('retry');
    expect(classifyTransportFailure('network').kind).toBe('retry');
  });
});

describe('retryDelayMs', () => {
  const pairLimit = classifyGraphError({ code: 131056 }) as Extract<ErrorDecision, { kind: 'retry' }>;

  it('doubles the hint per attempt', () => {
    expect([1, 2, 3].map((attempt) => retryDelayMs(pairLimit, attempt))).toEqual([6_000, 12_000, 24_000]);
  });

  it('never waits more than 30 minutes', () => {
    expect(retryDelayMs(pairLimit, 50)).toBe(30 * 60 * 1000);
  });
});
