import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DAY_MS,
  DEFAULT_RETENTION_DAYS,
  decideRetention,
  holdCovers,
  mergeRanges,
  purgedSeqsOf,
  retentionCutoff,
  type RetentionSubject,
} from './retention.js';

const NOW = new Date('2032-03-02T09:00:00Z');
const CONTACT = 'c0000000-0000-4000-8000-000000000001';
const THREAD = 't0000000-0000-4000-8000-000000000001';
const ALICE = 'm0000000-0000-4000-8000-00000000000a';
const BOB = 'm0000000-0000-4000-8000-00000000000b';

const message = (over: Partial<RetentionSubject> = {}): RetentionSubject => ({
  createdAt: new Date(NOW.getTime() - 40 * DAY_MS),
  contactId: CONTACT,
  threadId: THREAD,
  senderMemberId: null,
  participantIds: [ALICE],
  awaitingDelivery: false,
  ...over,
});
const days30 = { retentionDays: 30 };

describe('retention: which content is past its time', () => {
  it('keeps six years by default, whichever six years (leap days included)', () => {
    expect(DEFAULT_RETENTION_DAYS).toBe(6 * 365 + 2);
    const sixYearsBefore = new Date('2026-03-02T09:00:00Z');
    expect(retentionCutoff(NOW, DEFAULT_RETENTION_DAYS).getTime()).toBeLessThanOrEqual(
      sixYearsBefore.getTime(),
    );
  });

  it('counts whole days back from now, by the injected clock', () => {
    expect(retentionCutoff(NOW, 30).toISOString()).toBe('2032-02-01T09:00:00.000Z');
  });

  it('keeps a message younger than the retention, and one exactly at the cutoff', () => {
    const atCutoff = message({ createdAt: retentionCutoff(NOW, 30) });
    expect(decideRetention(atCutoff, days30, [], NOW)).toEqual({
      action: 'keep',
      reason: 'within_retention',
    });
    const young = message({ createdAt: new Date(NOW.getTime() - 29 * DAY_MS) });
    expect(decideRetention(young, days30, [], NOW)).toEqual({ action: 'keep', reason: 'within_retention' });
  });

  it('purges a message older than the retention that no hold covers', () => {
    const justPast = message({ createdAt: new Date(retentionCutoff(NOW, 30).getTime() - 1) });
    expect(decideRetention(justPast, days30, [], NOW)).toEqual({ action: 'purge' });
    expect(decideRetention(message(), days30, [{ scope: 'contact', targetId: 'another' }], NOW)).toEqual({
      action: 'purge',
    });
  });

  it('keeps the words of a message that has not gone out yet (held, queued or sending), however old', () => {
    expect(decideRetention(message({ awaitingDelivery: true }), days30, [], NOW)).toEqual({
      action: 'keep',
      reason: 'awaiting_delivery',
    });
  });

  it('refuses a retention that is not a whole number of days of at least one', () => {
    for (const days of [0, -1, 1.5, Number.NaN])
      expect(() => retentionCutoff(NOW, days)).toThrow(/whole number/);
  });
});

describe('legal hold: what a hold covers', () => {
  it('a contact hold keeps every message with the contact, in any thread', () => {
    const hold = { scope: 'contact' as const, targetId: CONTACT };
    expect(holdCovers(hold, message({ threadId: 'another thread' }))).toBe(true);
    expect(holdCovers(hold, message({ contactId: 'another contact' }))).toBe(false);
    expect(decideRetention(message(), days30, [hold], NOW)).toEqual({ action: 'keep', reason: 'held', hold });
  });

  it('a thread hold keeps every message of that thread and none of another', () => {
    const hold = { scope: 'thread' as const, targetId: THREAD };
    expect(holdCovers(hold, message())).toBe(true);
    expect(holdCovers(hold, message({ threadId: 'another thread' }))).toBe(false);
  });

  it("a member hold keeps every message of the threads the member is or was in (the contact's too), and what they wrote", () => {
    const hold = { scope: 'member' as const, targetId: BOB };
    expect(holdCovers(hold, message({ participantIds: [ALICE, BOB] }))).toBe(true);
    expect(holdCovers(hold, message({ participantIds: [ALICE], senderMemberId: BOB }))).toBe(true);
    expect(holdCovers(hold, message({ participantIds: [ALICE], senderMemberId: ALICE }))).toBe(false);
    expect(decideRetention(message({ participantIds: [BOB] }), days30, [hold], NOW)).toMatchObject({
      action: 'keep',
      reason: 'held',
    });
  });

  it('a hold never matters within retention: young content is kept for its age, not its hold', () => {
    const young = message({ createdAt: NOW });
    expect(decideRetention(young, days30, [{ scope: 'thread', targetId: THREAD }], NOW)).toEqual({
      action: 'keep',
      reason: 'within_retention',
    });
  });
});

describe('purged ranges, as the verifier reads them', () => {
  it('merges overlapping and touching ranges and drops backwards ones', () => {
    expect(
      mergeRanges([
        [10, 12],
        [1, 3],
        [4, 5],
        [11, 20],
        [30, 29],
      ]),
    ).toEqual([
      [1, 5],
      [10, 20],
    ]);
  });

  it('answers exactly the seqs inside some range', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 0, max: 20 }))),
        fc.integer({ min: 0, max: 230 }),
        (pairs, seq) => {
          const ranges = pairs.map(([from, length]): [number, number] => [from, from + length]);
          const inside = ranges.some(([from, to]) => seq >= from && seq <= to);
          expect(purgedSeqsOf(ranges)(seq)).toBe(inside);
        },
      ),
    );
  });
});
