import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { checkPhoneShape } from '@bridgeline/shared';
import { canonicalPhone } from '../domain/contact-identity.js';

export type PhoneCheck = { ok: true; e164: string } | { ok: false; reason: string };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * A typed phone number checked by the shared rule (`@bridgeline/shared` checkPhoneShape, which the tab runs too), then
 * against the numbering plan; the reason says why it is refused. International forms go through `canonicalPhone`
 * first, so Brazil's 9th digit and Mexico's 52/521 spellings of one phone give one contact.
 */
export function checkPhone(input: string): PhoneCheck {
  const shape = checkPhoneShape(input);
  if (!shape.ok) return shape;
  const candidate = canonicalPhone(shape.international) ?? shape.international;
  const parsed = parsePhoneNumberFromString(candidate);
  if (parsed?.isValid()) return { ok: true, e164: parsed.number };
  const countries = parsed?.getPossibleCountries() ?? [];
  const where = countries[0] ? ` ${regionNames.of(countries[0]) ?? countries[0]}` : '';
  const code = parsed ? `+${parsed.countryCallingCode}` : 'the country code';
  return {
    ok: false,
    reason: parsed
      ? `${shape.international} is not a${where} number in use: check the digits after ${code}.`
      : `${shape.international} does not start with a country code in use.`,
  };
}

/** A typed or reported phone number in E.164, or null when it is not a valid number. */
export function toE164(input: string): string | null {
  const checked = checkPhone(input);
  return checked.ok ? checked.e164 : null;
}

/** An E.164 number written for reading ("+44 7911 654321"), or as it is when the numbering plan does not know it. */
export function phoneForReading(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
