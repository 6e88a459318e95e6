import { describe, expect, it } from 'vitest';
import { justEnabled, mayClaim, numberStartsThreads, whatsappAllowed } from './administration.js';

describe('administration rules', () => {
  it('refuses WhatsApp when the organisation switched it off, and never SMS', () => {
    expect(whatsappAllowed({ channel: 'whatsapp', tenantWhatsappEnabled: false })).toMatchObject({
      ok: false,
      code: 'whatsapp_disabled',
    });
    expect(whatsappAllowed({ channel: 'sms', tenantWhatsappEnabled: false }).ok).toBe(true);
    expect(whatsappAllowed({ channel: 'whatsapp', tenantWhatsappEnabled: true }).ok).toBe(true);
  });

  it('a disabled number starts no conversation and says which number', () => {
    const off = numberStartsThreads({ enabled: false, displayPhone: '+15550100001', channel: 'whatsapp' });
    expect(off).toMatchObject({ ok: false, code: 'number_disabled' });
    expect(off.ok ? '' : off.detail).toMatch(/WhatsApp number \+15550100001 is switched off/);
    expect(numberStartsThreads({ enabled: true, displayPhone: '+1', channel: 'sms' }).ok).toBe(true);
  });

  it('the first-run moment is the switch from not enabled to enabled, and only that', () => {
    expect(justEnabled({ enabled: false }, { enabled: true })).toBe(true);
    expect(justEnabled({ enabled: true }, { enabled: true })).toBe(false);
    expect(justEnabled({ enabled: true }, { enabled: false })).toBe(false);
  });

  it('a restricted Unassigned thread is for admins only', () => {
    expect(mayClaim({ restricted: true }, { isAdmin: false })).toBe(false);
    expect(mayClaim({ restricted: true }, { isAdmin: true })).toBe(true);
    expect(mayClaim({}, { isAdmin: false })).toBe(true);
  });
});
