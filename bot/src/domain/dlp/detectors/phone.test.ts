import { describe, expect, it } from 'vitest';
import { detectPhones } from './phone.js';

const found = (text: string) => detectPhones(text).map((h) => text.slice(h.start, h.end));

describe('the phone number detector', () => {
  it.each([
    ['a UK landline', '+44 20 7946 0958'],
    ['a UK landline with its trunk 0 in brackets', '+44 (0)20 7946 0958'],
    ['a US number with brackets and a dash', '+1 (202) 555-0143'],
    ['a French mobile in pairs', '+33 6 12 34 56 78'],
    ['a German number with dots', '+49.30.901820'],
    ['digits together', '+12025550143'],
  ])('finds %s', (_what, phone) => {
    expect(found(`Call ${phone}, please.`)).toEqual([phone]);
  });

  it('leaves out a number written after the phone number', () => {
    expect(found('Call +44 20 7946 0958 12 times')).toEqual(['+44 20 7946 0958']);
  });

  it.each([
    ['too short for its country', '+44 20 7946 095'],
    ['an unassigned country code', '+999 1234 5678'],
    ['a number outside the national plan', '+1 (012) 555-0143'],
    ['no + (its country unknown)', '020 7946 0958'],
    ['glued to a word', 'tel+442079460958'],
    ['more than 15 digits', '+4420794609581234567'],
  ])('does not take %s', (_what, text) => {
    expect(found(`Call ${text} now`)).toEqual([]);
  });

  it('stays cheap on a text full of plus signs and finds the number at its end', () => {
    expect(found(`${'+1 '.repeat(16_000)}+44 20 7946 0958`)).toEqual(['+44 20 7946 0958']);
  });
});
