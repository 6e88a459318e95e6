import { describe, expect, it } from 'vitest';
import {
  canonicalPhone,
  contactLabel,
  isSamePhone,
  phoneDigits,
  senderIdentity,
  waIdVariants,
} from './contact-identity.js';

describe('waIdVariants', () => {
  it('gives a São Paulo mobile both with and without its 9th digit', () => {
    expect(waIdVariants('5511987654321')).toEqual(['551187654321', '5511987654321']);
  });

  it('gives a legacy 8-digit Brazilian mobile wa_id its 9th-digit form', () => {
    expect(waIdVariants('553188776655')).toEqual(['553188776655', '5531988776655']);
  });

  it('accepts a number typed with +, spaces, parentheses and dashes', () => {
    expect(waIdVariants('+55 (21) 99876-5432')).toEqual(['552198765432', '5521998765432']);
  });

  it('never turns a Brazilian landline into a mobile', () => {
    expect(waIdVariants('551133334444')).toEqual(['551133334444']);
  });

  it('never strips the 9 when what remains would look like a landline', () => {
    expect(waIdVariants('5511923456789')).toEqual(['5511923456789']);
  });

  it('gives a Mexican mobile its 521 form', () => {
    expect(waIdVariants('525512345678')).toEqual(['5215512345678', '525512345678']);
  });

  it('gives a Mexican 521 wa_id its current E.164 form', () => {
    expect(waIdVariants('+52 1 33 1234 5678')).toEqual(['5213312345678', '523312345678']);
  });

  it('leaves other countries alone', () => {
    expect(waIdVariants('16505551234')).toEqual(['16505551234']);
    expect(waIdVariants('+44 7700 900123')).toEqual(['447700900123']);
  });

  it('answers nothing for a business-scoped user id or a username', () => {
    expect(waIdVariants('BR.1502576394655843')).toEqual([]);
    expect(waIdVariants('@testusername')).toEqual([]);
  });

  it('answers nothing for too short, too long or empty input', () => {
    expect(waIdVariants('1234567')).toEqual([]);
    expect(waIdVariants('1234567890123456')).toEqual([]);
    expect(waIdVariants('')).toEqual([]);
  });
});

describe('canonicalPhone', () => {
  it('stores Brazilian mobiles with their 9th digit, whichever form arrives', () => {
    expect(canonicalPhone('553188776655')).toBe('+5531988776655');
    expect(canonicalPhone('5531988776655')).toBe('+5531988776655');
  });

  it('stores Mexican mobiles without the 1, whichever form arrives', () => {
    expect(canonicalPhone('5215512345678')).toBe('+525512345678');
    expect(canonicalPhone('+525512345678')).toBe('+525512345678');
  });

  it('keeps every other number as given, in E.164', () => {
    expect(canonicalPhone('16505551234')).toBe('+16505551234');
    expect(canonicalPhone('551133334444')).toBe('+551133334444');
  });

  it('is one of the variants of its input', () => {
    for (const input of ['553188776655', '5215512345678', '16505551234', '5511923456789']) {
      const canonical = canonicalPhone(input);
      expect(canonical).not.toBeNull();
      expect(waIdVariants(input)).toContain(canonical?.slice(1));
    }
  });

  it('refuses input that is not a phone number', () => {
    expect(canonicalPhone('US.13491208655302741918')).toBeNull();
    expect(canonicalPhone('0044 7700 900123')).toBeNull();
  });
});

describe('isSamePhone', () => {
  it('matches the two spellings of one Brazilian mobile and of one Mexican mobile', () => {
    expect(isSamePhone('+5511987654321', '551187654321')).toBe(true);
    expect(isSamePhone('5213312345678', '+52 33 1234 5678')).toBe(true);
  });

  it('does not match different people', () => {
    expect(isSamePhone('5511987654321', '5511987654322')).toBe(false);
    expect(isSamePhone('BR.1', 'BR.1')).toBe(false);
  });
});

describe('phoneDigits', () => {
  it('strips what people type between digits', () => {
    expect(phoneDigits(' +1 (650) 555-1234 ')).toBe('16505551234');
  });
});

describe('senderIdentity', () => {
  it('keeps a wa_id that is not a valid phone number as given, without a phone', () => {
    expect(senderIdentity({ waId: '999123', bsuid: null }, null)).toEqual({
      phoneE164: null,
      waId: '999123',
      waIds: ['999123'],
    });
  });

  it('looks a valid number up by all its spellings and stores its phone', () => {
    expect(senderIdentity({ waId: '551187654321', bsuid: null }, '+5511987654321')).toEqual({
      phoneE164: '+5511987654321',
      waId: '551187654321',
      waIds: ['551187654321', '5511987654321'],
    });
  });

  it('identifies a sender by the business-scoped user id alone, and no one without any id', () => {
    expect(senderIdentity({ waId: null, bsuid: 'US.1' }, null)).toEqual({
      phoneE164: null,
      waId: null,
      waIds: [],
    });
    expect(senderIdentity({ waId: null, bsuid: null }, null)).toBeNull();
  });
});

describe('contactLabel', () => {
  it('names a contact with no name, phone or username by their raw WhatsApp id', () => {
    expect(contactLabel({ displayName: null, phoneE164: null, username: null, waId: '999123' })).toBe(
      '999123',
    );
    expect(contactLabel({ displayName: 'Ana', phoneE164: '+14155550123', waId: '14155550123' })).toBe('Ana');
  });
});
