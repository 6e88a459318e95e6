import { describe, expect, it } from 'vitest';
import { mergeStatus, statusesBelow } from './message-status.js';

describe('message status', () => {
  it('moves forward through queued, sending, sent, delivered and read', () => {
    expect(mergeStatus('held', 'queued')).toBe('queued');
    expect(mergeStatus('queued', 'sending')).toBe('sending');
    expect(mergeStatus('sending', 'sent')).toBe('sent');
    expect(mergeStatus('sent', 'delivered')).toBe('delivered');
    expect(mergeStatus('delivered', 'read')).toBe('read');
  });

  it('never lets a late delivered downgrade read', () => {
    expect(mergeStatus('read', 'delivered')).toBeNull();
    expect(mergeStatus('read', 'sent')).toBeNull();
  });

  it('jumps ahead when statuses arrive out of order (read before sent)', () => {
    expect(mergeStatus('sending', 'read')).toBe('read');
  });

  it('ignores a duplicated status', () => {
    expect(mergeStatus('delivered', 'delivered')).toBeNull();
  });

  it('marks a message failed before it is delivered, and keeps failed final (a retry is a new message)', () => {
    expect(mergeStatus('sent', 'failed')).toBe('failed');
    expect(mergeStatus('failed', 'delivered')).toBeNull();
    expect(mergeStatus('read', 'failed')).toBeNull();
  });

  it('a late failed never downgrades delivered', () => {
    expect(mergeStatus('delivered', 'failed')).toBeNull();
    // The persisted transition to failed is guarded by the statuses it may start from: never delivered.
    expect(statusesBelow('failed')).not.toContain('delivered');
  });

  it('a late failed never downgrades read', () => {
    expect(mergeStatus('read', 'failed')).toBeNull();
    // The persisted transition to failed is guarded by the statuses it may start from: never read.
    expect(statusesBelow('failed')).not.toContain('read');
  });

  it('guards a transition with exactly the statuses it may start from', () => {
    expect(statusesBelow('delivered').sort()).toEqual(['held', 'queued', 'sending', 'sent'].sort());
  });

  it('lets Meta’s sent, delivered or read win over a failure that was only "could not confirm it was sent"', () => {
    const unconfirmed = { code: 'stuck_unknown' };
    expect(mergeStatus('failed', 'sent', unconfirmed)).toBe('sent');
    expect(mergeStatus('failed', 'delivered', unconfirmed)).toBe('delivered');
    expect(mergeStatus('failed', 'read', unconfirmed)).toBe('read');
    expect(statusesBelow('delivered', unconfirmed).sort()).toEqual(
      ['held', 'queued', 'sending', 'sent', 'failed'].sort(),
    );
  });

  it('keeps every other failure final, and an unconfirmed one too against anything but sent, delivered or read', () => {
    for (const code of ['131009', '131026', '131047', '131000'])
      for (const incoming of ['sent', 'delivered', 'read'] as const)
        expect(mergeStatus('failed', incoming, { code })).toBeNull();
    expect(mergeStatus('failed', 'delivered')).toBeNull();
    expect(statusesBelow('delivered', { code: '131009' })).not.toContain('failed');
    for (const incoming of ['failed', 'held', 'queued', 'sending'] as const)
      expect(mergeStatus('failed', incoming, { code: 'stuck_unknown' })).toBeNull();
  });
});
