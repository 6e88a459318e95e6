import type { DlpDetectorName } from '../rules.js';
import type { Detector } from './detector.js';
import { detectEmails } from './email.js';
import { detectIbans } from './iban.js';
import { detectPaymentCards } from './payment-card.js';
import { detectPhones } from './phone.js';
import { detectUkNinos } from './uk-nino.js';
import { detectUsSsns } from './us-ssn.js';

export type { Detector, DetectorHit } from './detector.js';
export { isPaymentCardNumber, knownIssuer, luhnValid } from './payment-card.js';
export { isUsSsn } from './us-ssn.js';
export { isNinoPrefix } from './uk-nino.js';

export const DETECTORS: Record<DlpDetectorName, Detector> = {
  credit_card: detectPaymentCards,
  iban: detectIbans,
  us_ssn: detectUsSsns,
  uk_nino: detectUkNinos,
  email: detectEmails,
  phone: detectPhones,
};

/** What each detector finds, in words for the sender: one, and several. */
export const DETECTOR_NOUNS: Record<DlpDetectorName, { one: string; many: string }> = {
  credit_card: { one: 'a payment card number', many: 'payment card numbers' },
  iban: { one: 'an IBAN', many: 'IBANs' },
  us_ssn: { one: 'a US Social Security number', many: 'US Social Security numbers' },
  uk_nino: { one: 'a UK National Insurance number', many: 'UK National Insurance numbers' },
  email: { one: 'an e-mail address', many: 'e-mail addresses' },
  phone: { one: 'a phone number', many: 'phone numbers' },
};
