import { getCountrySpecifications, isValidIBAN } from 'ibantools';
import { maskIban } from '../mask.js';
import { gluedAfter, gluedBefore, isAsciiLetter, isDigit, type DetectorHit } from './detector.js';

/**
 * International bank account numbers: a country of the IBAN registry, two check digits, then exactly that country's
 * length of letters and digits (GB: 22 in all, DE: 22, FR: 27…), written together or with a space every four
 * characters. The whole passes ISO 13616's mod-97 check and the country's BBAN format (and, where the country has
 * one, its national check digits), through ibantools; one digit changed fails mod-97.
 */
const REGISTRY_LENGTHS: ReadonlyMap<string, number> = new Map(
  Object.entries(getCountrySpecifications()).flatMap(([country, spec]) =>
    spec.IBANRegistry && spec.chars ? [[country, spec.chars] as const] : [],
  ),
);

function isAlnum(code: number): boolean {
  return isDigit(code) || isAsciiLetter(code);
}

/** The IBAN whose first character is at `start`, as its electronic form and its end, or null. */
function readIban(text: string, start: number): { iban: string; end: number } | null {
  const country = text.slice(start, start + 2).toUpperCase();
  const length = REGISTRY_LENGTHS.get(country);
  if (length === undefined) return null;
  let iban = country;
  let i = start + 2;
  while (iban.length < length && i < text.length) {
    const code = text.charCodeAt(i);
    if (isAlnum(code)) {
      iban += text[i]!.toUpperCase();
      i += 1;
    } else if (code === 32 && iban.length % 4 === 0 && isAlnum(text.charCodeAt(i + 1))) {
      i += 1;
    } else break;
  }
  if (iban.length < length || gluedAfter(text, i) || isAlnum(text.charCodeAt(i))) return null;
  return { iban, end: i };
}

export function detectIbans(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  // Where an IBAN may start: two letters and two digits (our own fixed-length pattern, a fresh one per call).
  const start = /[A-Za-z]{2}\d{2}/g;
  for (let m = start.exec(text); m !== null; m = start.exec(text)) {
    const i = m.index;
    const found = gluedBefore(text, i) ? null : readIban(text, i);
    if (found && isValidIBAN(found.iban)) {
      hits.push({ start: i, end: found.end, excerpt: maskIban(text.slice(i, found.end)) });
      start.lastIndex = found.end;
    } else start.lastIndex = i + 1;
  }
  return hits;
}
