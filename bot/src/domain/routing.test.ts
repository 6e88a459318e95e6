import { describe, expect, it } from 'vitest';
import { routeInbound } from './routing.js';

const at = (m: number) => new Date(Date.UTC(2026, 2, 1, 10, m));

describe('inbound routing', () => {
  const older = { id: 'older', state: 'open' as const, lastActivityAt: at(1) };
  const newer = { id: 'newer', state: 'open' as const, lastActivityAt: at(5) };

  it('sends a reply-to to the thread of the quoted message', () => {
    expect(routeInbound({ replyTo: older, threads: [older, newer] })).toEqual({
      kind: 'existing',
      threadId: 'older',
      reason: 'reply_to',
    });
  });

  it('sends other messages to the most recently active open thread of the contact', () => {
    expect(routeInbound({ replyTo: null, threads: [older, newer] })).toMatchObject({ threadId: 'newer' });
  });

  it('skips closed threads, also when the quoted message is in one', () => {
    const closed = { id: 'closed', state: 'closed' as const, lastActivityAt: at(9) };
    expect(routeInbound({ replyTo: closed, threads: [closed, older] })).toMatchObject({
      threadId: 'older',
      reason: 'most_recent',
    });
  });

  it('opens a new Unassigned thread when the contact has no open thread', () => {
    expect(routeInbound({ replyTo: null, threads: [{ ...older, state: 'closed' }] })).toEqual({
      kind: 'new_unassigned',
    });
  });
});
