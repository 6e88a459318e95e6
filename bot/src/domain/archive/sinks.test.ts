import { describe, expect, it } from 'vitest';
import { SINK_RETRY_MAX_MS, sinkRetryDelayMs, sinkTakes } from './sinks.js';

describe('what each archive sink takes', () => {
  it('journals every message in and out and every consent event, and nothing else', () => {
    for (const type of [
      'message.in',
      'message.out',
      'consent.requested',
      'consent.opted_in',
      'consent.opted_out',
    ])
      expect(sinkTakes('journal', type)).toBe(true);
    for (const type of [
      'message.status',
      'thread.created',
      'member.joined',
      'admin.member_updated',
      'consentx',
    ])
      expect(sinkTakes('journal', type)).toBe(false);
  });

  it('pushes every record to the CRM', () => {
    for (const type of ['message.in', 'message.status', 'thread.closed', 'export.created', 'anything'])
      expect(sinkTakes('crm', type)).toBe(true);
  });
});

describe('the retry delay of a failing sink', () => {
  it('starts at 5 s and doubles with each failure in a row', () => {
    expect([1, 2, 3, 4].map(sinkRetryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
  });

  it('never waits more than 5 minutes, however long the outage', () => {
    expect(sinkRetryDelayMs(7)).toBe(SINK_RETRY_MAX_MS);
    expect(sinkRetryDelayMs(10_000)).toBe(SINK_RETRY_MAX_MS);
  });

  it('does not wait before the first attempt', () => {
    expect(sinkRetryDelayMs(0)).toBe(0);
  });
});
