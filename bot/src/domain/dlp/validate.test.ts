import { describe, expect, it } from 'vitest';
import type { DlpRuleDraft } from './rules.js';
import { validateDlpRule } from './validate.js';

const keyword = (keywords: string[]): DlpRuleDraft => ({
  name: 'Words',
  kind: 'keyword',
  action: 'flag',
  keywords,
});
const regex = (pattern: string): DlpRuleDraft => ({
  name: 'Pattern',
  kind: 'regex',
  action: 'block',
  pattern,
});

describe('validating a DLP rule', () => {
  it('accepts a rule of each kind', () => {
    expect(validateDlpRule(keyword(['falcon', 'project eagle']))).toEqual({ ok: true });
    expect(validateDlpRule(regex('EMP-\\d{6}'))).toEqual({ ok: true });
    expect(
      validateDlpRule({ name: 'Cards', kind: 'detector', action: 'redact', detector: 'credit_card' }),
    ).toEqual({
      ok: true,
    });
  });

  it('refuses an empty name, or one over 100 characters', () => {
    expect(validateDlpRule({ ...keyword(['x']), name: '  ' })).toEqual({
      ok: false,
      field: 'name',
      message: 'A rule needs a name.',
    });
    expect(validateDlpRule({ ...keyword(['x']), name: 'n'.repeat(101) })).toMatchObject({
      ok: false,
      field: 'name',
    });
  });

  it('refuses an unknown kind, action or detector, naming the ones that exist', () => {
    expect(validateDlpRule({ ...keyword(['x']), kind: 'fuzzy' })).toMatchObject({ field: 'kind' });
    expect(validateDlpRule({ ...keyword(['x']), action: 'delete' })).toEqual({
      ok: false,
      field: 'action',
      message: 'Unknown action “delete”: use one of block, redact, flag.',
    });
    expect(validateDlpRule({ name: 'X', kind: 'detector', action: 'flag', detector: 'passport' })).toEqual({
      ok: false,
      field: 'detector',
      message: 'Unknown detector “passport”: use one of credit_card, iban, us_ssn, uk_nino, email, phone.',
    });
    expect(validateDlpRule({ name: 'X', kind: 'detector', action: 'flag' })).toMatchObject({
      field: 'detector',
    });
  });

  it('refuses a keyword rule without keywords, with an empty one, one over 100 characters, or one of only symbols', () => {
    expect(validateDlpRule(keyword([]))).toEqual({
      ok: false,
      field: 'keywords',
      message: 'A keyword rule needs at least one keyword.',
    });
    expect(validateDlpRule(keyword(['ok', ' ']))).toEqual({
      ok: false,
      field: 'keywords',
      message: 'Keyword 2 is empty.',
    });
    expect(validateDlpRule(keyword(['k'.repeat(101)]))).toEqual({
      ok: false,
      field: 'keywords',
      message: 'Keyword 1 is 101 characters long; at most 100 are allowed.',
    });
    expect(validateDlpRule(keyword(['--']))).toMatchObject({
      field: 'keywords',
      message: expect.stringContaining('no letter or digit'),
    });
    expect(validateDlpRule(keyword(Array.from({ length: 201 }, (_, i) => `w${i}`)))).toMatchObject({
      field: 'keywords',
    });
  });

  it('refuses a pattern that is missing, over 500 characters, or does not compile, saying why', () => {
    expect(validateDlpRule({ name: 'P', kind: 'regex', action: 'flag' })).toEqual({
      ok: false,
      field: 'pattern',
      message: 'A regular-expression rule needs a pattern.',
    });
    expect(validateDlpRule(regex('a'.repeat(501)))).toEqual({
      ok: false,
      field: 'pattern',
      message: 'The pattern is 501 characters long; at most 500 are allowed.',
    });
    expect(validateDlpRule(regex('(EMP-\\d+'))).toEqual({
      ok: false,
      field: 'pattern',
      message: "The pattern can't be compiled: missing closing ) at “(EMP-\\d+”.",
    });
  });

  it('refuses look-arounds and back-references, explaining that patterns run in linear time', () => {
    for (const pattern of ['(?=secret)', '(\\w)\\1', '(?<!x)y'])
      expect(validateDlpRule(regex(pattern))).toMatchObject({
        field: 'pattern',
        message: expect.stringContaining('Look-arounds and back-references are not available'),
      });
  });

  it('refuses a pattern that matches the empty text, or whose compiled program is too large', () => {
    expect(validateDlpRule(regex('x*'))).toEqual({
      ok: false,
      field: 'pattern',
      message:
        'The pattern can match an empty text (between two characters), so it would match every message.',
    });
    expect(validateDlpRule(regex('\\b'))).toMatchObject({
      field: 'pattern',
      message: expect.stringContaining('empty'),
    });
    expect(validateDlpRule(regex('(?m)^'))).toMatchObject({
      field: 'pattern',
      message: expect.stringContaining('empty'),
    });
    expect(validateDlpRule(regex('\\w{300}'))).toMatchObject({
      field: 'pattern',
      message: expect.stringContaining('too complex'),
    });
  });
});
