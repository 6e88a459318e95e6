import { describe, expect, it } from 'vitest';
import { detectIbans } from './iban.js';

const found = (text: string) => detectIbans(text).map((h) => text.slice(h.start, h.end));

describe('the IBAN detector', () => {
  it.each([
    ['GB, grouped by four', 'GB82 WEST 1234 5698 7654 32'],
    ['DE, electronic form', 'DE89370400440532013000'],
    ['FR, letters in the account', 'FR14 2004 1010 0505 0001 3M02 606'],
    ['NL', 'NL91ABNA0417164300'],
    ['BE, with its national check digits', 'BE68 5390 0754 7034'],
    ['lower case', 'gb82 west 1234 5698 7654 32'],
  ])('finds an IBAN (%s)', (_what, iban) => {
    expect(found(`Pay to ${iban}, thanks.`)).toEqual([iban]);
  });

  it('does not take an IBAN with one digit changed (mod-97 fails)', () => {
    expect(found('Pay to GB82 WEST 1234 5698 7654 33')).toEqual([]);
    expect(found('Pay to DE89370400440532013001')).toEqual([]);
  });

  it('requires the exact length of the country in the registry', () => {
    expect(found('GB82 WEST 1234 5698 7654 3')).toEqual([]);
    expect(found('GB82WEST123456987654321')).toEqual([]);
  });

  it('does not take a country outside the IBAN registry, or an IBAN glued to a word', () => {
    expect(found('US12 3456 7890 1234 5678 90')).toEqual([]);
    expect(found('XGB82WEST12345698765432')).toEqual([]);
  });

  it('allows spaces only every four characters', () => {
    expect(found('GB82 WE ST12 3456 9876 5432')).toEqual([]);
  });

  it('shows the country and the last four characters in its excerpt', () => {
    expect(detectIbans('GB82 WEST 1234 5698 7654 32')[0]?.excerpt).toBe('GB•• •••• •••• •••• ••54 32');
  });
});
