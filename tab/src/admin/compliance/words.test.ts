import { describe, expect, it } from 'vitest';
import { fromLocalInput, lastThirtyDays } from './words.js';

describe('the export form’s first range', () => {
  it('covers all of today, so what was said after the page opened is in the first export', () => {
    const opened = new Date(2026, 11, 7, 15, 19, 30);
    const { from, to } = lastThirtyDays(opened);
    const saidJustAfter = new Date(2026, 11, 7, 15, 19, 45);
    expect(fromLocalInput(to)!.getTime()).toBeGreaterThan(saidJustAfter.getTime());
    expect(fromLocalInput(to)).toEqual(new Date(2026, 11, 8));
    expect(fromLocalInput(from)).toEqual(new Date(2026, 10, 7));
  });
});
