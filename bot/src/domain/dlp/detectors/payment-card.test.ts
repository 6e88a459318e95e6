import { describe, expect, it } from 'vitest';
import { detectPaymentCards, isPaymentCardNumber, luhnValid } from './payment-card.js';

const found = (text: string) => detectPaymentCards(text).map((h) => text.slice(h.start, h.end));

describe('the payment card detector', () => {
  it.each([
    ['Visa', '4111 1111 1111 1111'],
    ['Visa, 13 digits', '4222222222222'],
    ['Mastercard 51–55', '5555-5555-5555-4444'],
    ['Mastercard 2221–2720', '2223003122003222'],
    ['American Express, grouped 4-6-5', '3782 822463 10005'],
    ['Discover', '6011 1111 1111 1117'],
    ['JCB', '3530 1113 3330 0000'],
    ['Diners Club, 14 digits', '3056 930902 5904'],
    ['UnionPay', '6200 0000 0000 0005'],
  ])('finds a %s number', (_network, card) => {
    expect(found(`Please charge ${card} today.`)).toEqual([card]);
  });

  it('does not take a 16-digit number that fails the Luhn check', () => {
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(found('Card 4111 1111 1111 1112 please')).toEqual([]);
  });

  it('does not take an order number that passes Luhn but starts with no card prefix', () => {
    expect(luhnValid('1234567890123452')).toBe(true);
    expect(luhnValid('7000123456789010')).toBe(true);
    expect(found('Order 1234-5678-9012-3452 shipped; ref 7000 1234 5678 9010')).toEqual([]);
  });

  it('requires the length the network issues at that prefix', () => {
    // Luhn-valid 15 digits starting with 4: Visa issues 13, 16 or 19 digits, never 15.
    expect(luhnValid('411111111111116')).toBe(true);
    expect(isPaymentCardNumber('411111111111116')).toBe(false);
    expect(isPaymentCardNumber('378282246310005')).toBe(true);
  });

  it('does not take digits glued to letters or a decimal point, nor a longer digit string', () => {
    expect(found('SKU4111111111111111 and 0.4111111111111111 and 41111111111111110000')).toEqual([]);
  });

  it('allows only single spaces or dashes between groups of at least three digits', () => {
    expect(found('4111  1111  1111  1111')).toEqual([]);
    expect(found('4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1')).toEqual([]);
    expect(found('4111 1111-1111 1111')).toEqual(['4111 1111-1111 1111']);
  });

  it('finds the card among other numbers written beside it', () => {
    expect(found('1234 4111 1111 1111 1111 12/27')).toEqual(['4111 1111 1111 1111']);
    expect(found('4111111111111111, 5555555555554444.')).toEqual(['4111111111111111', '5555555555554444']);
  });

  it('shows only the last four digits in its excerpt', () => {
    expect(detectPaymentCards('4111 1111 1111 1111')[0]?.excerpt).toBe('•••• •••• •••• 1111');
  });
});
