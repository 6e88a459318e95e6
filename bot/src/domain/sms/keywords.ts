/**
 * Carrier keywords on SMS (product.md §8; the FCC's 2025 rule: any reasonable means, honoured at once). The whole
 * message is the keyword, in any case and spacing ("Stop", " s t o p ", "opt out" all opt out); a sentence that
 * contains one ("please don't stop") is a message, not a keyword.
 */
export type SmsKeyword = 'opt_out' | 'opt_in' | 'help';

const OPT_OUT = new Set(['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout']);
const OPT_IN = new Set(['start', 'yes', 'unstop']);
const HELP = new Set(['help']);

export function smsKeywordOf(text: string | undefined | null): SmsKeyword | null {
  if (text === undefined || text === null) return null;
  // Spacing, punctuation around the word and case are ignored: "STOP.", "Opt-Out", "s t o p".
  const word = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\-_.!,;:'"]+/g, '');
  if (word.length === 0 || word.length > 12) return null;
  if (OPT_OUT.has(word)) return 'opt_out';
  if (OPT_IN.has(word)) return 'opt_in';
  if (HELP.has(word)) return 'help';
  return null;
}

/** The answer to HELP when the tenant wrote none (admins set their own: tenants.sms_help_text). */
export const DEFAULT_SMS_HELP_TEXT =
  'You are texting with a business that uses Bridgeline. Reply STOP to stop receiving messages, START to receive them again. Message and data rates may apply.';

/** What one keyword does to the contact's consent towards that SMS number. */
export function consentIntentOfSmsKeyword(keyword: SmsKeyword | null): 'accept' | 'reject' | null {
  if (keyword === 'opt_out') return 'reject';
  if (keyword === 'opt_in') return 'accept';
  return null;
}
