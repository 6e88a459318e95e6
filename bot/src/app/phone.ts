import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** A typed phone number in E.164, or null when it is not a possible, valid number. */
export function toE164(
  input: string,
  defaultCountry: 'US' | 'GB' | 'DE' | 'FR' | 'BR' | 'MX' | undefined = undefined,
) {
  const trimmed = input.trim();
  const withPlus = /^00\d/.test(trimmed) ? `+${trimmed.slice(2)}` : trimmed;
  const parsed = parsePhoneNumberFromString(withPlus, defaultCountry);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}
