import { describe, expect, it } from 'vitest';
import { detectUkNinos } from './uk-nino.js';

const found = (text: string) => detectUkNinos(text).map((h) => text.slice(h.start, h.end));

describe('the UK National Insurance number detector', () => {
  it('finds a number written together, in pairs, or in lower case', () => {
    expect(found('NI AB123456C, JG 10 37 59 A, ce123456d.')).toEqual([
      'AB123456C',
      'JG 10 37 59 A',
      'ce123456d',
    ]);
  });

  it.each([
    ['prefix QQ (HMRC’s specimen)', 'QQ 12 34 56 C'],
    ['first letter D', 'DA123456A'],
    ['first letter F', 'FA123456A'],
    ['first letter I', 'IA123456A'],
    ['first letter U', 'UA123456A'],
    ['first letter V', 'VA123456A'],
    ['second letter O', 'AO123456A'],
    ['second letter D', 'AD123456A'],
    ['unallocated prefix GB', 'GB123456A'],
    ['unallocated prefix BG', 'BG123456A'],
    ['unallocated prefix NK', 'NK123456A'],
    ['unallocated prefix KN', 'KN123456A'],
    ['unallocated prefix TN', 'TN123456A'],
    ['unallocated prefix NT', 'NT123456A'],
    ['unallocated prefix ZZ', 'ZZ123456A'],
    ['suffix E', 'AB123456E'],
    ['five digits', 'AB12345C'],
  ])('does not take %s', (_rule, nino) => {
    expect(found(`NI ${nino} ok`)).toEqual([]);
  });

  it('does not take a number glued to other letters or digits', () => {
    expect(found('XAB123456C AB123456CD AB1234567C')).toEqual([]);
  });
});
