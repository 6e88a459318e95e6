import { maskAllButLast } from '../mask.js';
import { gluedAfter, gluedBefore, isDigit, type DetectorHit } from './detector.js';

/**
 * US Social Security numbers written AAA-GG-SSSS, with dashes or with spaces (the same separator twice), by the SSA's
 * rules: the area is not 000, 666 or 900–999; the group is not 00; the serial is not 0000. Numbers the SSA voids
 * because they were printed in advertising (078-05-1120 from a wallet insert, 219-09-9999 from a pamphlet, and the
 * specimen 123-45-6789) are not someone's. Nine digits written together are not taken for one: too many other
 * numbers look like that.
 */
const VOID = new Set(['078051120', '219099999', '123456789']);

export function isUsSsn(area: string, group: string, serial: string): boolean {
  const a = Number(area);
  if (a === 0 || a === 666 || a >= 900) return false;
  if (group === '00' || serial === '0000') return false;
  return !VOID.has(`${area}${group}${serial}`);
}

export function detectUsSsns(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  // Our own fixed-length pattern (a fresh one per call): three digits, a dash or space, two digits, the same
  // separator, four digits.
  const ssn = /\d{3}([- ])\d{2}\1\d{4}/g;
  for (let m = ssn.exec(text); m !== null; m = ssn.exec(text)) {
    const i = m.index;
    const end = i + 11;
    const sep = m[1]!;
    ssn.lastIndex = i + 1;
    // Part of a longer number: a digit or a dash-joined digit right before or after ("1-123-45-6789", "…6789-12").
    if (gluedBefore(text, i) || gluedAfter(text, end)) continue;
    if (text[i - 1] === sep && isDigit(text.charCodeAt(i - 2))) continue;
    if (text[end] === sep && isDigit(text.charCodeAt(end + 1))) continue;
    if (!isUsSsn(text.slice(i, i + 3), text.slice(i + 4, i + 6), text.slice(i + 7, end))) continue;
    hits.push({ start: i, end, excerpt: maskAllButLast(text.slice(i, end)) });
    ssn.lastIndex = end;
  }
  return hits;
}
