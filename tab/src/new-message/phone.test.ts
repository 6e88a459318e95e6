import { describe, expect, it } from 'vitest';
import { normalisePhone } from './phone.js';

describe('phone numbers typed by members', () => {
  it('accepts international numbers with separators and stores them compact', () => {
    expect(normalisePhone('+44 7700 900-123')).toBe('+447700900123');
    expect(normalisePhone('0055 (11) 91234-5678')).toBe('+5511912345678');
  });

  it('refuses numbers without a country code, too short or with letters', () => {
    expect(normalisePhone('07700 900123')).toBeNull();
    expect(normalisePhone('+44 12')).toBeNull();
    expect(normalisePhone('+44 77OO 900123')).toBeNull();
  });
});
