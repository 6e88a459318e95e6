import { describe, expect, it } from 'vitest';
import { activeRestrictions, isDowngrade, qualityAfterEvent, type NumberStanding } from './number-health.js';

const s = (over: Partial<NumberStanding> = {}): NumberStanding => ({
  qualityRating: 'GREEN',
  messagingLimit: 'TIER_1K',
  restrictions: [],
  ...over,
});

describe('what is a downgrade of a business number', () => {
  it('is one when the quality rating drops from GREEN to YELLOW', () =>
    expect(isDowngrade(s(), s({ qualityRating: 'YELLOW' }))).toBe(true));

  it('is not one when the quality rating rises from RED to YELLOW', () =>
    expect(isDowngrade(s({ qualityRating: 'RED' }), s({ qualityRating: 'YELLOW' }))).toBe(false));

  it('is one when the messaging limit drops from TIER_1K to TIER_250', () =>
    expect(isDowngrade(s(), s({ messagingLimit: 'TIER_250' }))).toBe(true));

  it('is not one when the messaging limit rises to TIER_10K', () =>
    expect(isDowngrade(s(), s({ messagingLimit: 'TIER_10K' }))).toBe(false));

  it('is one when Meta adds a restriction the number did not have', () =>
    expect(
      isDowngrade(
        s(),
        s({ restrictions: [{ type: 'RESTRICTED_BIZ_INITIATED_MESSAGING', expiresAt: null }] }),
      ),
    ).toBe(true));

  it('is not one when Meta lifts a restriction', () =>
    expect(isDowngrade(s({ restrictions: [{ type: 'ACCOUNT_BANNED', expiresAt: null }] }), s())).toBe(false));

  it('is not one from or to a value it cannot rank (UNKNOWN, TIER_NOT_SET)', () => {
    expect(isDowngrade(s({ qualityRating: 'UNKNOWN' }), s({ qualityRating: 'RED' }))).toBe(false);
    expect(isDowngrade(s({ messagingLimit: 'TIER_NOT_SET' }), s({ messagingLimit: 'TIER_250' }))).toBe(false);
  });
});

describe('the quality a phone_number_quality_update implies', () => {
  it('reads FLAGGED as RED and UNFLAGGED as GREEN, an explicit rating first', () => {
    expect(qualityAfterEvent('FLAGGED', null, 'GREEN')).toBe('RED');
    expect(qualityAfterEvent('UNFLAGGED', null, 'RED')).toBe('GREEN');
    expect(qualityAfterEvent('FLAGGED', 'yellow', 'GREEN')).toBe('YELLOW');
    expect(qualityAfterEvent('UPGRADE', null, 'GREEN')).toBe('GREEN');
  });

  it('forgets a restriction once it has expired', () => {
    const now = new Date('2026-11-10T00:00:00Z');
    const r = [
      { type: 'A', expiresAt: new Date('2026-11-09T00:00:00Z') },
      { type: 'B', expiresAt: new Date('2026-11-11T00:00:00Z') },
      { type: 'C', expiresAt: null },
    ];
    expect(activeRestrictions(r, now).map((x) => x.type)).toEqual(['B', 'C']);
  });
});

describe("Meta's word for a downgrade", () => {
  it('is a downgrade when Meta says DOWNGRADE, even with nothing stored to compare', () =>
    expect(isDowngrade(s({ messagingLimit: null }), s({ messagingLimit: 'TIER_250' }), 'DOWNGRADE')).toBe(
      true,
    ));

  it('is not a downgrade when Meta says UPGRADE', () =>
    expect(isDowngrade(s({ messagingLimit: null }), s({ messagingLimit: 'TIER_10K' }), 'UPGRADE')).toBe(
      false,
    ));
});

describe('a ban lifted', () => {
  it('is not a downgrade when Meta reinstates the account (DISABLED_UPDATE, the ban gone)', () =>
    expect(
      isDowngrade(s({ restrictions: [{ type: 'ACCOUNT_BANNED', expiresAt: null }] }), s(), 'DISABLED_UPDATE'),
    ).toBe(false));
});
