import { describe, expect, it } from 'vitest';
import { newestInbound, windowAt } from './window.js';

const t0 = new Date('2026-03-01T10:00:00Z');
const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);

describe('the 24-hour window', () => {
  it('is open until 24 hours after the contact last wrote, and closed at 24 hours exactly', () => {
    expect(windowAt(t0, hours(23.99))).toEqual({ open: true, closesAt: hours(24) });
    expect(windowAt(t0, hours(24)).open).toBe(false);
  });

  it('is closed when the contact has never written', () => {
    expect(windowAt(null, t0)).toEqual({ open: false, closesAt: null });
  });

  it('uses the time Meta stamped on the message, so a webhook redelivered two days late does not reopen it', () => {
    const stampedTwoDaysAgo = hours(-48);
    expect(windowAt(newestInbound(null, stampedTwoDaysAgo), t0).open).toBe(false);
  });

  it('never moves back when an older message arrives after a newer one', () => {
    expect(newestInbound(hours(5), hours(1))).toEqual(hours(5));
    expect(newestInbound(hours(1), hours(5))).toEqual(hours(5));
  });
});
