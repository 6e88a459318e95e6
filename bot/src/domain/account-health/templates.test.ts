import { describe, expect, it } from 'vitest';
import {
  isSendable,
  statusAfterEvent,
  templateAlertOf,
  templateProblems,
  type TemplateState,
} from './templates.js';

const now = new Date('2026-11-10T12:00:00Z');
const t = (over: Partial<TemplateState> = {}): TemplateState => ({
  name: 'bridgeline_opt_in',
  language: 'en_US',
  status: 'APPROVED',
  quality: 'GREEN',
  disableDate: null,
  ...over,
});
const required = [
  { role: 'opt_in' as const, name: 'bridgeline_opt_in', language: 'en_US' },
  { role: 'resume' as const, name: 'bridgeline_resume', language: 'en_US' },
];

describe('which templates can be sent', () => {
  it('sends an approved template', () => expect(isSendable(t(), now)).toBe(true));

  it.each(['PAUSED', 'DISABLED', 'REJECTED', 'PENDING', 'DELETED', 'PENDING_DELETION', 'UNKNOWN'])(
    'does not send a %s template',
    (status) => expect(isSendable(t({ status }), now)).toBe(false),
  );

  it('keeps sending a flagged template until its disable date', () => {
    expect(isSendable(t({ status: 'FLAGGED', disableDate: new Date('2026-11-10T12:00:01Z') }), now)).toBe(
      true,
    );
  });

  it('stops sending a flagged template once its disable date has come', () => {
    expect(isSendable(t({ status: 'FLAGGED', disableDate: new Date('2026-11-10T12:00:00Z') }), now)).toBe(
      false,
    );
  });

  it('reads REINSTATED and UNPAUSED as the template being approved again', () => {
    expect(statusAfterEvent('reinstated')).toBe('APPROVED');
    expect(statusAfterEvent('UNPAUSED')).toBe('APPROVED');
    expect(statusAfterEvent('PAUSED')).toBe('PAUSED');
  });
});

describe('what breaks when a template stops being sendable', () => {
  it('names the opt-in flow when the opt-in template is paused', () => {
    expect(templateProblems(required, [t({ status: 'PAUSED' })], now)).toEqual([
      expect.objectContaining({ role: 'opt_in', kind: 'unsendable', status: 'PAUSED' }),
    ]);
  });

  it('warns about a flagged template the resume flow depends on, before it is disabled', () => {
    const flagged = t({
      name: 'bridgeline_resume',
      status: 'FLAGGED',
      disableDate: new Date('2026-11-20T00:00:00Z'),
    });
    expect(templateProblems(required, [flagged], now)).toEqual([
      expect.objectContaining({ role: 'resume', kind: 'flagged' }),
    ]);
  });

  it('sees no problem in a template no flow depends on, nor in one the catalogue does not know', () => {
    expect(
      templateProblems(required, [t({ name: 'appointment_reminder', status: 'DISABLED' })], now),
    ).toEqual([]);
    expect(templateProblems(required, [], now)).toEqual([]);
  });

  it('alerts the admins once when the opt-in template is paused, and again when it is approved', () => {
    expect(templateAlertOf(required, t(), t({ status: 'PAUSED' }), now)).toEqual({
      role: 'opt_in',
      change: 'broken',
    });
    expect(templateAlertOf(required, t({ status: 'PAUSED' }), t({ status: 'DISABLED' }), now)).toBeNull();
    expect(templateAlertOf(required, t({ status: 'PAUSED' }), t(), now)).toEqual({
      role: 'opt_in',
      change: 'restored',
    });
  });

  it('does not alert on a quality change that leaves the template sendable', () => {
    expect(templateAlertOf(required, t(), t({ quality: 'RED' }), now)).toBeNull();
  });

  it('alerts when a template a flow depends on is flagged', () => {
    const flagged = t({ status: 'FLAGGED', disableDate: new Date('2026-11-20T00:00:00Z') });
    expect(templateAlertOf(required, t(), flagged, now)).toEqual({ role: 'opt_in', change: 'flagged' });
  });
});
