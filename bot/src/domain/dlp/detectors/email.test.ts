import { describe, expect, it } from 'vitest';
import { detectEmails } from './email.js';

const found = (text: string) => detectEmails(text).map((h) => text.slice(h.start, h.end));

describe('the e-mail address detector', () => {
  it('finds addresses, leaving out the dot that ends a sentence', () => {
    expect(found('Write to jo.bloggs+dlp@example.co.uk. Or (ann_o-k@mail.example.com)')).toEqual([
      'jo.bloggs+dlp@example.co.uk',
      'ann_o-k@mail.example.com',
    ]);
  });

  it.each([
    ['a single-label domain', 'user@localhost'],
    ['a one-letter top-level domain', 'user@example.c'],
    ['two dots in a row', 'jo..bloggs@example.com'],
    ['a local part ending in a dot', 'jo.@example.com'],
    ['no local part', '@example.com'],
    ['a label starting with a hyphen', 'jo@-example.com'],
    ['a numeric top-level domain', 'jo@example.123'],
  ])('does not take %s', (_what, text) => {
    expect(found(text)).toEqual([]);
  });

  it('masks the local part but its first character', () => {
    expect(detectEmails('jo@example.com')[0]?.excerpt).toBe('j•@example.com');
  });

  it('reads a long text with no address in one pass, and still finds one at its end', () => {
    const text = `${'a'.repeat(50_000)} ${'@'.repeat(1_000)} x@example.org`;
    expect(found(text)).toEqual(['x@example.org']);
  });
});
