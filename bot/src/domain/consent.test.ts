import { describe, expect, it } from 'vitest';
import {
  BUTTON_PAYLOADS,
  consentAfterInbound,
  decideResendOptIn,
  decideStartThread,
  intentOf,
} from './consent.js';

const t0 = new Date('2026-03-01T10:00:00Z');
const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);

describe('consent', () => {
  it('asks the member to confirm the opt-in request before the first message to a contact without consent', () => {
    expect(
      decideStartThread({ channel: 'whatsapp', consent: 'none', reachability: 'ok', confirmOptIn: false }),
    ).toEqual({
      ok: false,
      code: 'consent_required',
    });
  });

  it('sends the opt-in request when the member confirms it', () => {
    expect(
      decideStartThread({ channel: 'whatsapp', consent: 'none', reachability: 'ok', confirmOptIn: true }),
    ).toEqual({
      ok: true,
      sendOptIn: true,
    });
  });

  it('starts a thread without a new opt-in request when the contact already opted in (consent carries over)', () => {
    expect(
      decideStartThread({
        channel: 'whatsapp',
        consent: 'opted_in',
        reachability: 'ok',
        confirmOptIn: false,
      }),
    ).toEqual({ ok: true, sendOptIn: false });
  });

  it('refuses a new thread with a contact who opted out on that business number', () => {
    expect(
      decideStartThread({
        channel: 'whatsapp',
        consent: 'opted_out',
        reachability: 'ok',
        confirmOptIn: true,
      }),
    ).toMatchObject({ ok: false, code: 'opted_out' });
  });

  it('refuses a WhatsApp thread with a contact who cannot be reached on WhatsApp, but allows SMS', () => {
    expect(
      decideStartThread({
        channel: 'whatsapp',
        consent: 'requested',
        reachability: 'unreachable',
        confirmOptIn: true,
      }),
    ).toMatchObject({ ok: false, code: 'unreachable' });
    expect(
      decideStartThread({
        channel: 'sms',
        consent: 'none',
        reachability: 'unreachable',
        confirmOptIn: false,
      }),
    ).toEqual({ ok: true, sendOptIn: false });
  });

  it('reads "Start conversation" and a "yes" reply as acceptance, "Stop" and "STOP" as rejection', () => {
    expect(intentOf({ buttonPayload: BUTTON_PAYLOADS.accept })).toBe('accept');
    expect(intentOf({ text: ' Yes ' })).toBe('accept');
    expect(intentOf({ buttonPayload: BUTTON_PAYLOADS.reject })).toBe('reject');
    expect(intentOf({ text: 'STOP' })).toBe('reject');
    expect(intentOf({ buttonPayload: BUTTON_PAYLOADS.resume })).toBe('resume');
  });

  it('treats keywords only as the whole message, so "please stop calling me at work" is an ordinary message', () => {
    expect(intentOf({ text: 'please stop calling me at work' })).toBeNull();
    expect(intentOf({ text: 'yes, but later' })).toBeNull();
  });

  it('opts the contact in when they accept the request', () => {
    expect(consentAfterInbound('requested', 'accept')).toEqual({
      next: 'opted_in',
      event: 'opted_in',
      basis: 'accept',
    });
  });

  it('opts the contact out when they reject the request', () => {
    expect(consentAfterInbound('requested', 'reject')).toEqual({
      next: 'opted_out',
      event: 'opted_out',
      basis: 'stop',
    });
  });

  it('opts the contact out on STOP at any time', () => {
    expect(consentAfterInbound('opted_in', 'reject').next).toBe('opted_out');
  });

  it('opts an opted-out contact back in when they reply "yes"', () => {
    expect(consentAfterInbound('opted_out', 'accept')).toMatchObject({ next: 'opted_in', event: 'opted_in' });
  });

  it('keeps an opted-out contact opted out when they write anything other than "yes"', () => {
    expect(consentAfterInbound('opted_out', null)).toEqual({ next: 'opted_out', event: null, basis: null });
  });

  it('needs no opt-in request when the contact writes first', () => {
    expect(consentAfterInbound('none', null)).toEqual({
      next: 'opted_in',
      event: 'opted_in',
      basis: 'contact_initiated',
    });
  });

  it('records no new consent event when an opted-in contact says "yes" again', () => {
    expect(consentAfterInbound('opted_in', 'accept').event).toBeNull();
  });

  it('lets a member resend the opt-in request only 24 hours after the last one', () => {
    const base = { consent: 'requested' as const, reachability: 'ok' as const, lastRequestedAt: t0 };
    expect(decideResendOptIn({ ...base, now: hours(23.9) })).toMatchObject({
      ok: false,
      code: 'opt_in_too_soon',
    });
    expect(decideResendOptIn({ ...base, now: hours(24) })).toEqual({ ok: true });
  });

  it('does not resend the opt-in request to a contact who already answered', () => {
    const base = { reachability: 'ok' as const, lastRequestedAt: t0, now: hours(48) };
    expect(decideResendOptIn({ ...base, consent: 'opted_in' })).toMatchObject({ code: 'already_opted_in' });
    expect(decideResendOptIn({ ...base, consent: 'opted_out' })).toMatchObject({ code: 'opted_out' });
  });
});
