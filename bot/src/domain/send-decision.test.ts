import { describe, expect, it } from 'vitest';
import { decideSend, type PairState } from './send-decision.js';

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
