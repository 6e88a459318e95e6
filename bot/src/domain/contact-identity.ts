/**
 * One person, several spellings of their number. WhatsApp ids (`wa_id`) and the numbers members type can differ for
 * the same phone:
 * - Brazil (55): mobiles gained a leading 9 (55 AA 9XXXXXXXX), but accounts created before keep a wa_id without it
 *   (55 AA XXXXXXXX). Only mobiles have the 9: an 8-digit subscriber number starting 6–9; landlines start 2–5.
 * - Mexico (52): mobiles were dialled as 521 + 10 digits until 2019; E.164 is now 52 + 10 digits, and WhatsApp still
 *   reports many accounts as 521 + 10 digits.
 * The core looks a contact up by every variant and stores the canonical one, so both forms resolve to one contact.
 * Pure string logic: no phone library, no I/O.
 */

const MIN_DIGITS = 8;
const MAX_DIGITS = 15; // E.164 maximum

// 55 + area code (two digits, no zero) + 9 + 8-digit mobile starting 6–9
const BR_WITH_NINE = /^55([1-9]{2})9([6-9]\d{7})$/;
// 55 + area code + legacy 8-digit mobile starting 6–9
const BR_WITHOUT_NINE = /^55([1-9]{2})([6-9]\d{7})$/;
// 521 + 10-digit national number (area codes never start with 0 or 1)
const MX_WITH_ONE = /^521([2-9]\d{9})$/;
const MX_WITHOUT_ONE = /^52([2-9]\d{9})$/;

/**
 * The digits of a wa_id or phone number ("+55 (11) 98765-4321" → "5511987654321"), or null when it is not one
 * (letters such as a business-scoped user id "BR.1502576394655843", too short, too long, or a leading 0).
 */
export function phoneDigits(input: string): string | null {
  const trimmed = input.trim();
  // Only the separators people type; anything else (letters, dots of a BSUID) means it is not a number.
  if (!/^\+?[\d\s\-().]+$/.test(trimmed) || /[a-z]/i.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS || digits.startsWith('0')) return null;
  return digits;
}

/**
 * Every digit string that WhatsApp or a member may use for the same phone, the input's own form included, sorted.
 * Empty when the input is not a phone number.
 */
export function waIdVariants(waIdOrE164: string): string[] {
  const digits = phoneDigits(waIdOrE164);
  if (digits === null) return [];
  const variants = new Set<string>([digits]);

  const brWith = BR_WITH_NINE.exec(digits);
  if (brWith) variants.add(`55${brWith[1]}${brWith[2]}`);
  const brWithout = BR_WITHOUT_NINE.exec(digits);
  if (brWithout) variants.add(`55${brWithout[1]}9${brWithout[2]}`);

  const mxWith = MX_WITH_ONE.exec(digits);
  if (mxWith) variants.add(`52${mxWith[1]}`);
  const mxWithout = MX_WITHOUT_ONE.exec(digits);
  if (mxWithout) variants.add(`521${mxWithout[1]}`);

  return [...variants].sort();
}

/**
 * The one form a contact is stored under, in E.164 ("+5511987654321"): Brazilian mobiles with their 9, Mexican
 * numbers without the 1, every other number as given. Null when the input is not a phone number.
 */
export function canonicalPhone(waIdOrE164: string): string | null {
  const digits = phoneDigits(waIdOrE164);
  if (digits === null) return null;

  const brWithout = BR_WITHOUT_NINE.exec(digits);
  if (brWithout) return `+55${brWithout[1]}9${brWithout[2]}`;
  const mxWith = MX_WITH_ONE.exec(digits);
  if (mxWith) return `+52${mxWith[1]}`;
  return `+${digits}`;
}

/** True when two wa_ids or numbers denote the same phone under the variants above. */
export function isSamePhone(a: string, b: string): boolean {
  const ca = canonicalPhone(a);
  return ca !== null && ca === canonicalPhone(b);
}

/**
 * Who wrote, as stored: the phone (E.164) when the wa_id is a valid number (`validPhone`, from the phone library),
 * and the wa_id as Meta gave it either way — Meta's word is final: a wa_id that is not a valid number (a short id, a
 * new numbering plan) still names one WhatsApp account. `waIds`: the spellings to look the contact up by. Null only
 * when Meta named no sender at all.
 */
export function senderIdentity(
  from: { waId: string | null; bsuid: string | null },
  validPhone: string | null,
): { phoneE164: string | null; waId: string | null; waIds: string[] } | null {
  if (from.waId === null) return from.bsuid === null ? null : { phoneE164: null, waId: null, waIds: [] };
  const variants = waIdVariants(from.waId);
  return {
    phoneE164: validPhone,
    waId: from.waId,
    waIds: variants.length > 0 ? [...new Set([...variants, from.waId])].sort() : [from.waId],
  };
}

/** How a contact is named to members: their name, else their phone, else their username, else the raw WhatsApp id. */
export function contactLabel(c: {
  displayName: string | null;
  phoneE164: string | null;
  username?: string | null;
  waId?: string | null;
  bsuid?: string | null;
}): string {
  return c.displayName ?? c.phoneE164 ?? c.username ?? c.waId ?? c.bsuid ?? 'The contact';
}
