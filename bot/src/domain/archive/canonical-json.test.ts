import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.js';

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys at every depth, so the order a record was built in never changes its text', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('sorts keys by UTF-16 code units, as RFC 8785 §3.2.3 requires', () => {
    // The RFC's own example orders "\u20ac" (€) after "\r" and before "\ud83d\ude00" (😀) by code unit.
    expect(canonicalJson({ '😀': 1, '€': 2, '\r': 3, '1': 4, a: 5 })).toBe(
      '{"\\r":3,"1":4,"a":5,"€":2,"😀":1}',
    );
  });

  it('writes numbers and strings as ECMAScript does (RFC 8785 §3.2.2)', () => {
    expect(canonicalJson([1e21, 0.000001, -0, 1.5, 'é\n"\u2028'])).toBe(
      '[1e+21,0.000001,0,1.5,"é\\n\\"\u2028"]',
    );
  });

  it('leaves out undefined members and refuses values JSON cannot carry', () => {
    expect(canonicalJson({ a: undefined, b: [undefined] })).toBe('{"b":[null]}');
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ n: 1n })).toThrow(/bigint/);
  });

  it('gives the same text after a round trip through JSON with keys in any order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reordered = JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v)
            ? Object.fromEntries(Object.entries(v as Record<string, unknown>).reverse())
            : v,
        ) as unknown;
        expect(canonicalJson(reordered)).toBe(canonicalJson(value));
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });
});
