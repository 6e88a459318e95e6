import { describe, expect, it } from 'vitest';
import { checkPhoneShape } from '@bridgeline/shared';
import { checkPhone } from './phone.js';

describe('one phone rule for tab and server (issue 16)', () => {
  it('refuses a number the shared rule refuses, in the same words', () => {
    for (const typed of [
      '07700 900123',
      '+44 12',
      '+44 77OO 900123',
      '+0 20 7946 0958',
      '+1234567890123456',
    ]) {
      const shape = checkPhoneShape(typed);
      expect(shape.ok, typed).toBe(false);
      expect(checkPhone(typed)).toEqual(shape);
    }
  });

  it('refuses a well-formed number that is not in the numbering plan, naming the country', () => {
    expect(checkPhone('+44 7911 654321')).toEqual({
      ok: false,
      reason: '+447911654321 is not a United Kingdom number in use: check the digits after +44.',
    });
  });

  it('accepts numbers written with spaces, dashes, brackets and 00, in E.164', () => {
    expect(checkPhone('+44 (20) 7946-0958')).toEqual({ ok: true, e164: '+442079460958' });
    expect(checkPhone('0044 20 7946 0958')).toEqual({ ok: true, e164: '+442079460958' });
    expect(checkPhone('+1 415.555.0123')).toEqual({ ok: true, e164: '+14155550123' });
  });
});
