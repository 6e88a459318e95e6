/**
 * What the inbox's search box means (issue 16): a name, a number written any way (spaces, dashes, dots, brackets, a
 * leading + or 00), or words of the messages the member can see. Pure: turns the box's text into the parameters the
 * SQL of `threads.repository.ts` uses.
 */
export interface SearchTerms {
  /** The text as typed, escaped for `ILIKE` (names). */
  like: string;
  /** The number's digits when the text reads as one (at least 3 digits, only number punctuation), else null. */
  digits: string | null;
  /** A prefix `tsquery` over the text's words (`'word':* & …`), or null when it has no word. */
  tsquery: string | null;
}

/** Characters a person puts in a phone number besides digits. */
const NUMBER_PUNCTUATION = /^[\s+().\-/]*$/;

export function searchTerms(raw: string, escapeLike: (s: string) => string): SearchTerms | null {
  const text = raw.trim();
  if (!text) return null;
  const digitsOnly = text.replace(/\D/g, '');
  const readsAsNumber = digitsOnly.length >= 3 && NUMBER_PUNCTUATION.test(text.replace(/\d/g, ''));
  // 0044… and 011… international prefixes and a national trunk 0 are not part of the E.164 digits.
  const digits = readsAsNumber ? digitsOnly.replace(/^(00|011|0)/, '') || digitsOnly : null;
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  const tsquery = words.length ? words.map((w) => `'${w}':*`).join(' & ') : null;
  return { like: escapeLike(text), digits, tsquery };
}
