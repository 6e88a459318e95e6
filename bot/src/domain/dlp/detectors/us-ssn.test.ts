import { describe, expect, it } from 'vitest';
import { detectUsSsns } from './us-ssn.js';

const found = (text: string) => detectUsSsns(text).map((h) => text.slice(h.start, h.end));

describe('the US Social Security number detector', () => {
  it('finds AAA-GG-SSSS with dashes or with spaces', () => {
    expect(found('SSN 536-22-1234 and 772 01 0001.')).toEqual(['536-22-1234', '772 01 0001']);
  });

  it.each([
    ['area 000', '000-12-3456'],
    ['area 666', '666-12-3456'],
    ['area 900–999', '900-12-3456'],
    ['area 999', '999-12-3456'],
    ['group 00', '536-00-1234'],
    ['serial 0000', '536-22-0000'],
    ['the Woolworth wallet number', '078-05-1120'],
    ['the SSA pamphlet number', '219-09-9999'],
    ['the specimen', '123-45-6789'],
  ])('does not take %s', (_rule, ssn) => {
    expect(found(`SSN ${ssn}`)).toEqual([]);
  });

  it('does not take nine digits written together, mixed separators, or part of a longer number', () => {
    expect(found('536221234')).toEqual([]);
    expect(found('536-22 1234')).toEqual([]);
    expect(found('1-536-22-1234 and 536-22-1234-5 and 536-22-12345')).toEqual([]);
  });

  it('shows only the serial in its excerpt', () => {
    expect(detectUsSsns('536-22-1234')[0]?.excerpt).toBe('•••-••-1234');
  });
});
