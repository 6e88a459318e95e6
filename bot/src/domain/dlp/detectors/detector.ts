/** What a built-in detector reports: where a value it validated starts and ends, and its masked excerpt. */
export interface DetectorHit {
  start: number;
  end: number;
  excerpt: string;
}

export type Detector = (text: string) => DetectorHit[];

const LETTER = /\p{L}/u;

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/**
 * Whether the character before `start` glues the value to a longer token (a letter, a digit, or a decimal point after
 * a digit: "0.4111…"), so that it is part of something else.
 */
export function gluedBefore(text: string, start: number): boolean {
  if (start === 0) return false;
  const prev = text.charCodeAt(start - 1);
  if (isDigit(prev)) return true;
  if (prev === 46 && start >= 2) return isDigit(text.charCodeAt(start - 2));
  const low =
    prev >= 0xdc00 && prev <= 0xdfff && start >= 2 ? text.slice(start - 2, start) : text[start - 1]!;
  return LETTER.test(low);
}

/** The same after `end`: a letter, a digit, or a decimal point followed by a digit. */
export function gluedAfter(text: string, end: number): boolean {
  if (end >= text.length) return false;
  const next = text.charCodeAt(end);
  if (isDigit(next)) return true;
  if (next === 46) return isDigit(text.charCodeAt(end + 1));
  return LETTER.test(String.fromCodePoint(text.codePointAt(end) ?? 0));
}
