import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { maskAllButLast } from '../mask.js';
import { gluedBefore, isDigit, type DetectorHit } from './detector.js';

/**
 * Phone numbers in international form: "+", a country code, and a number that libphonenumber-js (with its full
 * metadata) finds valid for that country and its number plan, written with spaces, dashes, dots or parentheses
 * ("+44 20 7946 0958", "+1 (202) 555-0143", "+44 (0)20 7946 0958"). A number without "+" is not taken: which
 * country it belongs to is unknown, and too many other numbers look like one. The candidate is read by hand (at most
 * 15 digits, E.164's maximum) and only then handed to the library, so a text full of "+" signs stays cheap.
 */
const MAX_DIGITS = 15;
const MIN_DIGITS = 7;

function isSeparator(char: string | undefined): boolean {
  return char === ' ' || char === '-' || char === '.' || char === '(' || char === ')';
}

/** Where each digit group after a "+" ends, as long as they hold at most 15 digits in all. */
function groupEnds(text: string, plus: number): number[] {
  const ends: number[] = [];
  let digits = 0;
  let i = plus + 1;
  let separators = 0;
  while (i < text.length) {
    if (isDigit(text.charCodeAt(i))) {
      while (i < text.length && isDigit(text.charCodeAt(i))) {
        digits += 1;
        i += 1;
      }
      if (digits > MAX_DIGITS) break;
      ends.push(i);
      separators = 0;
    } else if (isSeparator(text[i]) && separators < 2 && (ends.length > 0 || text[i] === '(')) {
      separators += 1;
      i += 1;
    } else break;
  }
  return ends;
}

function valid(candidate: string): boolean {
  const parsed = parsePhoneNumberFromString(candidate);
  return parsed !== undefined && parsed.isValid();
}

export function detectPhones(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  let from = 0;
  for (let plus = text.indexOf('+'); plus !== -1; plus = text.indexOf('+', from)) {
    from = plus + 1;
    if (gluedBefore(text, plus) || text[plus - 1] === '+') continue;
    const ends = groupEnds(text, plus);
    // The longest run of groups first, then without its trailing groups ("+44 20 7946 0958 12 items" → without 12).
    for (let k = ends.length - 1; k >= 0; k -= 1) {
      const end = ends[k]!;
      const candidate = text.slice(plus, end);
      if (candidate.replace(/\D/g, '').length < MIN_DIGITS) break;
      if (!valid(candidate)) continue;
      hits.push({ start: plus, end, excerpt: maskAllButLast(candidate) });
      from = end;
      break;
    }
  }
  return hits;
}
