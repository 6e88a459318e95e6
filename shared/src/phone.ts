/**
 * The one rule for a phone number a member types (issue 16): what the tab checks as the member types and what the
 * server checks before it looks the number up in the numbering plan (`bot/src/app/phone.ts`), so both refuse the same
 * numbers in the same words. Zod-free and dependency-free: the tab imports it at run time.
 */
export type PhoneShape = { ok: true; international: string } | { ok: false; reason: string };

/** E.164: a country code that does not start with 0, then up to 15 digits in all. */
const MIN_DIGITS = 8;
const MAX_DIGITS = 15;

/** Spaces, dashes, dots, slashes and brackets are how people write numbers; they are dropped. */
export function checkPhoneShape(input: string): PhoneShape {
  const typed = input.trim();
  if (!typed)
    return { ok: false, reason: 'Type a phone number with its country code, e.g. +44 20 7946 0958.' };
  if (/[^\d\s().+/-]/.test(typed.replace(/^\s*\+/, '')))
    return {
      ok: false,
      reason: 'A phone number has only digits, with spaces, dashes, dots or brackets between them.',
    };
  const compact = typed.replace(/[\s().\-/]/g, '');
  const international = compact.startsWith('00') ? `+${compact.slice(2)}` : compact;
  if (!international.startsWith('+'))
    return {
      ok: false,
      reason:
        'Start with the country code, + or 00, e.g. +44 20 7946 0958: without it the country is unknown.',
    };
  const digits = international.slice(1);
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'Only one + at the start of the number.' };
  if (digits.startsWith('0'))
    return { ok: false, reason: 'A country code never starts with 0: drop the 0 after the +.' };
  if (digits.length < MIN_DIGITS)
    return { ok: false, reason: `Too short: an international number has at least ${MIN_DIGITS} digits.` };
  if (digits.length > MAX_DIGITS)
    return { ok: false, reason: `Too long: an international number has at most ${MAX_DIGITS} digits.` };
  return { ok: true, international };
}

/** True when the text looks like someone is typing a number rather than a name. */
export function looksLikePhone(input: string): boolean {
  return /^[+0-9(][\d\s().\-/]*$/.test(input.trim());
}
