import { describe, expect, it } from 'vitest';
import { retryOffered, smsFallbackOffered, type FallbackInput } from './fallback.js';

const unreachable: FallbackInput = {
  channel: 'whatsapp',
  reachability: 'unreachable',
  memberSmsNumberId: 'sms-1',
  contactPhone: '+14155550123',
};

describe('the WhatsApp → SMS fallback (product.md §3.2, §8)', () => {
  it('offers "Continue by SMS" when WhatsApp cannot reach the contact, the member has an SMS number and the contact a phone', () => {
    expect(smsFallbackOffered(unreachable)).toBe(true);
  });

  it('offers nothing without an SMS number, without a phone, while reachable, or on an SMS thread', () => {
    expect(smsFallbackOffered({ ...unreachable, memberSmsNumberId: null })).toBe(false);
    expect(smsFallbackOffered({ ...unreachable, contactPhone: null })).toBe(false);
    expect(smsFallbackOffered({ ...unreachable, reachability: 'ok' })).toBe(false);
    expect(smsFallbackOffered({ ...unreachable, channel: 'sms' })).toBe(false);
  });

  it('offers no Retry for a WhatsApp send that 131026 says cannot be delivered, and Retry for other failures', () => {
    expect(retryOffered('whatsapp', '131026')).toBe(false);
    expect(retryOffered('whatsapp', '131000')).toBe(true);
    expect(retryOffered('sms', 'sms_undelivered')).toBe(true);
  });
});
