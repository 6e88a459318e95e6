import { describe, expect, it } from 'vitest';
import { chargeOf, rateCategoryOf } from './pricing.js';

const sept = new Date('2026-09-30T23:59:59Z');
const oct = new Date('2026-10-01T00:00:00Z');

describe('what Meta charges', () => {
  it('charges a regular message whatever the date', () => {
    expect(chargeOf({ type: 'regular', category: 'marketing', billable: true }, sept).charged).toBe(true);
  });

  it('did not charge a service message inside the window before 1 October 2026', () => {
    expect(chargeOf({ type: 'free_customer_service', category: 'service', billable: false }, sept)).toEqual({
      charged: false,
      reason: 'free',
    });
  });

  it('charges a service message inside the window from 1 October 2026', () => {
    expect(chargeOf({ type: 'free_customer_service', category: 'service', billable: false }, oct)).toEqual({
      charged: true,
      reason: 'window_since_october_2026',
    });
  });

  it('charges a utility template inside the window from 1 October 2026', () => {
    expect(
      chargeOf({ type: 'free_customer_service', category: 'utility', billable: false }, oct).charged,
    ).toBe(true);
  });

  it('keeps free entry point messages free after 1 October 2026', () => {
    expect(chargeOf({ type: 'free_entry_point', category: 'service', billable: false }, oct).charged).toBe(
      false,
    );
  });

  it("falls back to Meta's billable flag for a type it does not know", () => {
    expect(chargeOf({ type: null, category: 'utility', billable: true }, sept)).toEqual({
      charged: true,
      reason: 'billable_flag',
    });
    expect(chargeOf({ type: 'something_new', category: 'utility', billable: false }, sept).charged).toBe(
      false,
    );
  });

  it('bills marketing_lite as marketing on the rate card', () => {
    expect(rateCategoryOf('marketing_lite')).toBe('marketing');
    expect(rateCategoryOf('authentication_international')).toBe('authentication');
    expect(rateCategoryOf('referral_conversion')).toBeNull();
  });
});
