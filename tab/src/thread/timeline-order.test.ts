import { describe, expect, it } from 'vitest';
import { aMessage } from '../test/builders.js';
import { byTime } from './use-messages.js';

describe('the order of a thread (issue 16)', () => {
  it('shows the opt-in confirmation before the held messages it released, in the order written', () => {
    const t = (s: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, s)).toISOString();
    const released = t(30);
    const releasedAfter = new Date(Date.parse(released) + 1).toISOString();
    const messages = [
      aMessage({ text: 'first held', createdAt: t(1), happenedAt: releasedAfter, position: 2 }),
      aMessage({ text: 'second held', createdAt: t(2), happenedAt: releasedAfter, position: 3 }),
      aMessage({
        text: 'Start conversation',
        direction: 'in',
        createdAt: t(30),
        happenedAt: t(29),
        position: 4,
      }),
      aMessage({ text: 'opted in', direction: 'notice', type: 'notice', createdAt: t(30), position: 5 }),
      aMessage({ text: 'Thank you', createdAt: released, happenedAt: released, position: 6 }),
      aMessage({ text: 'opt-in request', type: 'template', createdAt: t(0), position: 1 }),
    ];
    expect([...messages].sort(byTime).map((m) => m.text)).toEqual([
      'opt-in request',
      'Start conversation',
      'opted in',
      'Thank you',
      'first held',
      'second held',
    ]);
  });

  it("places the contact's message at the time Meta stamped, not when it reached the server", () => {
    const late = aMessage({
      text: 'sent at 9, arrived at 11',
      direction: 'in',
      createdAt: '2026-01-01T11:00:00Z',
      happenedAt: '2026-01-01T09:00:00Z',
      position: 9,
    });
    const ten = aMessage({ text: 'ours at 10', createdAt: '2026-01-01T10:00:00Z', position: 8 });
    expect([ten, late].sort(byTime).map((m) => m.text)).toEqual(['sent at 9, arrived at 11', 'ours at 10']);
  });
});
