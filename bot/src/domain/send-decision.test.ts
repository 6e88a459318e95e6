import { describe, expect, it } from 'vitest';
import { automaticTextOf, decideAutomaticText, decideSend, type PairState } from './send-decision.js';

const now = new Date('2026-03-02T10:00:00Z');
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const pair = (over: Partial<PairState> = {}): PairState => ({
  consent: 'opted_in',
  reachability: 'ok',
  lastInboundAt: hoursAgo(1),
  resumeRequestedAt: null,
  ...over,
});

describe('the send decision', () => {
  it('sends a text at once when the contact wrote within the last 24 hours', () => {
    expect(decideSend('whatsapp', 'text', pair(), now)).toEqual({ ok: true, action: 'send' });
  });

  it('holds a message when the contact last wrote 25 hours ago and sends the resume template', () => {
    expect(decideSend('whatsapp', 'text', pair({ lastInboundAt: hoursAgo(25) }), now)).toEqual({
      ok: true,
      action: 'hold',
      reason: 'window',
      sendResumeTemplate: true,
    });
  });

  it('sends the resume template once per pause, not once per message', () => {
    const paused = pair({ lastInboundAt: hoursAgo(30), resumeRequestedAt: hoursAgo(2) });
    expect(decideSend('whatsapp', 'image', paused, now)).toMatchObject({
      action: 'hold',
      sendResumeTemplate: false,
    });
  });

  it('sends the resume template again in a new pause after the contact resumed', () => {
    const newPause = pair({ lastInboundAt: hoursAgo(26), resumeRequestedAt: hoursAgo(60) });
    expect(decideSend('whatsapp', 'text', newPause, now)).toMatchObject({
      action: 'hold',
      sendResumeTemplate: true,
    });
  });

  it('sends an approved template outside the window', () => {
    expect(decideSend('whatsapp', 'template', pair({ lastInboundAt: hoursAgo(100) }), now)).toEqual({
      ok: true,
      action: 'send',
    });
  });

  it('holds messages while the opt-in request waits for an answer', () => {
    expect(decideSend('whatsapp', 'text', pair({ consent: 'requested', lastInboundAt: null }), now)).toEqual({
      ok: true,
      action: 'hold',
      reason: 'consent',
    });
    expect(decideSend('whatsapp', 'template', pair({ consent: 'requested' }), now)).toMatchObject({
      action: 'hold',
    });
  });

  it('refuses to write to a contact who opted out', () => {
    expect(decideSend('whatsapp', 'text', pair({ consent: 'opted_out' }), now)).toEqual({
      ok: false,
      code: 'opted_out',
    });
  });

  it('refuses to write to a contact without consent', () => {
    expect(decideSend('whatsapp', 'text', pair({ consent: 'none' }), now)).toMatchObject({
      code: 'consent_required',
    });
  });

  it('refuses WhatsApp messages to a contact who is not reachable on WhatsApp', () => {
    expect(decideSend('whatsapp', 'text', pair({ reachability: 'unreachable' }), now)).toMatchObject({
      code: 'unreachable',
    });
  });

  it('sends SMS without an opt-in template or a window, but honours the carrier STOP', () => {
    expect(decideSend('sms', 'text', pair({ consent: 'none', lastInboundAt: null }), now)).toEqual({
      ok: true,
      action: 'send',
    });
    expect(decideSend('sms', 'text', pair({ consent: 'opted_out' }), now)).toMatchObject({
      code: 'opted_out',
    });
  });
});

describe('automatic texts to the contact (product.md §7b)', () => {
  const held = (heldCount: number, over: Partial<PairState> = {}) => ({ ...pair(over), heldCount });

  it('sends an automatic text at once while the window is open', () => {
    for (const text of ['opt_in_confirmation', 'notice'] as const)
      expect(decideAutomaticText('whatsapp', text, held(0), now)).toMatchObject({ action: 'send' });
  });

  it('holds an automatic text while the window is closed, like a member’s message', () => {
    const closed = held(0, { lastInboundAt: hoursAgo(48) });
    for (const text of ['opt_in_confirmation', 'notice'] as const)
      expect(decideAutomaticText('whatsapp', text, closed, now)).toEqual({
        ok: true,
        action: 'hold',
        aheadOfHeld: text === 'opt_in_confirmation',
        sendResumeTemplate: false,
      });
  });

  it('holds an opt-in confirmation whose Start tap Meta stamped more than 24 hours ago', () => {
    const lateTap = held(0, { lastInboundAt: hoursAgo(25) });
    expect(decideAutomaticText('whatsapp', 'opt_in_confirmation', lateTap, now)).toMatchObject({
      action: 'hold',
    });
  });

  it('asks to resume for a held opt-in confirmation when messages wait too, once per pause; never for a line about the people', () => {
    const waiting = held(2, { lastInboundAt: hoursAgo(30) });
    expect(decideAutomaticText('whatsapp', 'opt_in_confirmation', waiting, now)).toMatchObject({
      action: 'hold',
      sendResumeTemplate: true,
    });
    expect(decideAutomaticText('whatsapp', 'notice', waiting, now)).toMatchObject({
      action: 'hold',
      sendResumeTemplate: false,
    });
    const asked = held(2, { lastInboundAt: hoursAgo(30), resumeRequestedAt: hoursAgo(2) });
    expect(decideAutomaticText('whatsapp', 'opt_in_confirmation', asked, now)).toMatchObject({
      action: 'hold',
      sendResumeTemplate: false,
    });
  });

  it('puts the opt-in confirmation ahead of the held messages it releases, and nothing else', () => {
    expect(decideAutomaticText('whatsapp', 'opt_in_confirmation', held(2), now)).toMatchObject({
      action: 'send',
      aheadOfHeld: true,
    });
    expect(decideAutomaticText('whatsapp', 'notice', held(2), now)).toMatchObject({ aheadOfHeld: false });
  });

  it('never holds the opt-out confirmation: sent while the window of the Stop is open, else skipped', () => {
    const stop = held(1, { consent: 'opted_out', lastInboundAt: hoursAgo(1) });
    expect(decideAutomaticText('whatsapp', 'opt_out_confirmation', stop, now)).toMatchObject({
      action: 'send',
    });
    const lateStop = held(1, { consent: 'opted_out', lastInboundAt: hoursAgo(25) });
    expect(decideAutomaticText('whatsapp', 'opt_out_confirmation', lateStop, now)).toEqual({
      ok: true,
      action: 'skip',
    });
  });

  it('skips a line about the people to a contact who has not opted in, is opted out or unreachable', () => {
    for (const over of [
      { consent: 'requested' },
      { consent: 'opted_out' },
      { reachability: 'unreachable' },
    ] as const)
      expect(decideAutomaticText('whatsapp', 'notice', held(0, over), now)).toEqual({
        ok: true,
        action: 'skip',
      });
  });

  it('sends automatic SMS texts at once (SMS has no window)', () => {
    const silent = held(0, { lastInboundAt: hoursAgo(72) });
    expect(decideAutomaticText('sms', 'notice', silent, now)).toMatchObject({ action: 'send' });
    expect(
      decideAutomaticText('sms', 'opt_out_confirmation', { ...silent, consent: 'opted_out' }, now),
    ).toMatchObject({ action: 'send' });
  });

  it('names the consent notices as confirmations and every other line as a notice', () => {
    expect(automaticTextOf('opted_in')).toBe('opt_in_confirmation');
    expect(automaticTextOf('opted_in_nothing_held')).toBe('opt_in_confirmation');
    expect(automaticTextOf('opted_out')).toBe('opt_out_confirmation');
    expect(automaticTextOf('member_left')).toBe('notice');
  });
});
