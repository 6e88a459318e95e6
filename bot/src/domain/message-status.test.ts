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

  it('guards a transition with exactly the statuses it may start from', () => {
    expect(statusesBelow('delivered').sort()).toEqual(['held', 'queued', 'sending', 'sent'].sort());
  });
});
