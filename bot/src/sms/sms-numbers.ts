import type { BusinessNumberRecord } from '../ports/index.js';

/** An SMS number in E.164, however it was written when it was added ("+1 555 010 0001", "15550100001"). */
export function e164OfNumber(n: Pick<BusinessNumberRecord, 'providerNumberId' | 'displayPhone'>): string {
  const digits = n.providerNumberId.replace(/[^0-9]/g, '') || n.displayPhone.replace(/[^0-9]/g, '');
  return `+${digits}`;
}

/** A phone as Event Grid writes it ("15555555555" or "+15555555555") in E.164; null when it has no digits. */
export function e164OfEventPhone(phone: string): string | null {
  const digits = phone.replace(/[^0-9]/g, '');
  return digits.length >= 7 && digits.length <= 15 ? `+${digits}` : null;
}
