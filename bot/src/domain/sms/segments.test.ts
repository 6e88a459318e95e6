import { describe, expect, it } from 'vitest';
import { smsSegments } from '@bridgeline/shared';

describe('SMS segments (product.md §8; shared with the composer)', () => {
  it('fits 160 GSM-7 characters in one SMS and splits the 161st into two segments of 153', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'gsm7', units: 160, segments: 1, remaining: 0 });
    expect(smsSegments('a'.repeat(161))).toEqual({
      encoding: 'gsm7',
      units: 161,
      segments: 2,
      remaining: 145,
    });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the GSM-7 extension characters (€ [ ] { } ^ ~ | \\) twice', () => {
    expect(smsSegments('€'.repeat(80))).toMatchObject({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(smsSegments('€'.repeat(81))).toMatchObject({ units: 162, segments: 2 });
  });

  it('switches to UCS-2 for any other character: 70 in one SMS, then segments of 67; an emoji counts twice', () => {
    expect(smsSegments('ł'.repeat(70))).toEqual({ encoding: 'ucs2', units: 70, segments: 1, remaining: 0 });
    expect(smsSegments('ł'.repeat(71))).toMatchObject({ encoding: 'ucs2', segments: 2, remaining: 63 });
    expect(smsSegments('Hi 👋')).toMatchObject({ encoding: 'ucs2', units: 5, segments: 1 });
  });

  it('costs nothing for an empty text', () => {
    expect(smsSegments('')).toMatchObject({ segments: 0, remaining: 160 });
  });
});
