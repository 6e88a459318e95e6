import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { canonicalPhone } from '../domain/contact-identity.js';

/**
 * A typed or reported phone number in E.164, or null when it is not a valid number. International forms go through
 * `canonicalPhone` first, so Brazil's 9th digit and Mexico's 52/521 spellings of one phone give one contact.
 */
export function toE164(input: string): string | null {
  const trimmed = input.trim();
  const international = /^(\+|00)/.test(trimmed);
  const candidate = international ? (canonicalPhone(trimmed.replace(/^00/, '+')) ?? trimmed) : trimmed;
  const parsed = parsePhoneNumberFromString(candidate);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}
