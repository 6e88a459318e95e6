import { maskEmail } from '../mask.js';
import type { DetectorHit } from './detector.js';

/**
 * E-mail addresses as people write them: a local part of letters, digits and . _ % + - (not starting or ending with
 * a dot, no two dots in a row, at most 64 characters), "@", and a domain of at least two labels (letters, digits and
 * inner hyphens, at most 63 characters each, 253 in all) ending in a top-level domain of two or more letters. A dot
 * that ends a sentence is not part of it. Found by reading out from each "@", so a text full of letters costs one pass.
 */
const LOCAL = /[A-Za-z0-9._%+-]/;
const DOMAIN = /[A-Za-z0-9.-]/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TLD = /^[A-Za-z]{2,63}$/;

function validDomain(domain: string): boolean {
  if (domain.length > 253) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((l) => LABEL.test(l)) && TLD.test(labels[labels.length - 1]!);
}

export function detectEmails(text: string): DetectorHit[] {
  const hits: DetectorHit[] = [];
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && LOCAL.test(text[start - 1]!)) start -= 1;
    while (start < at && text[start] === '.') start += 1;
    let end = at + 1;
    while (end < text.length && DOMAIN.test(text[end]!)) end += 1;
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) end -= 1;
    const local = text.slice(start, at);
    if (local === '' || local.length > 64 || local.endsWith('.') || local.includes('..')) continue;
    if (!validDomain(text.slice(at + 1, end))) continue;
    hits.push({ start, end, excerpt: maskEmail(text.slice(start, end)) });
  }
  return hits;
}
