import { maskAllButLast } from '../mask.js';
import { gluedAfter, gluedBefore, type DetectorHit } from './detector.js';

/**
 * UK National Insurance numbers: two prefix letters, six digits, a suffix A–D, written together or in pairs with
 * spaces ("QQ 12 34 56 C" is HMRC's own specimen, and is refused: Q is never a prefix letter). HMRC's rules for the
 * prefix: the first letter is not D, F, I, Q, U or V; the second is not D, F, I, O, Q, U or V; and BG, GB, KN, NK, NT,
 * TN and ZZ are not allocated. Upper or lower case.
 */
const NOT_FIRST = new Set('DFIQUV');
const NOT_SECOND = new Set('DFIOQUV');
const UNALLOCATED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export function isNinoPrefix(prefix: string): boolean {
  const [first, second] = [prefix[0] ?? '', prefix[1] ?? ''];
  return !NOT_FIRST.has(first) && !NOT_SECOND.has(second) && !UNALLOCATED.has(prefix);
}

// Our own fixed pattern, not an admin's: each part has a fixed length, so it cannot backtrack beyond a few steps.
const NINO = /([A-Za-z]{2}) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-Da-d])/g;

export function detectUkNinos(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  for (const m of text.matchAll(NINO)) {
    const start = m.index;
    const end = start + m[0].length;
    if (gluedBefore(text, start) || gluedAfter(text, end)) continue;
    if (!isNinoPrefix(m[1]!.toUpperCase())) continue;
    hits.push({ start, end, excerpt: maskAllButLast(m[0]) });
  }
  return hits;
}
