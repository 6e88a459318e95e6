import { describe, expect, it } from 'vitest';
import {
  claimedUnconfirmedBy,
  decideUnconfirmedSend,
  UNCONFIRMED_SEND_AFTER_MS,
  UNCONFIRMED_SEND_ERROR,
} from './unconfirmed-send.js';

/** An injected clock: the rule reads no time of its own. */
const claimedAt = new Date('2026-03-02T09:00:00Z');
const clockAt = (ms: number) => ({ now: () => new Date(claimedAt.getTime() + ms) });
const MINUTE = 60_000;

const sending = { status: 'sending' as const, providerMessageId: null, sendingAt: claimedAt };

describe('a send Meta never answered', () => {
  it('waits five minutes after the claim for Meta’s answer or status webhook', () => {
    expect(UNCONFIRMED_SEND_AFTER_MS).toBe(5 * MINUTE);
    expect(decideUnconfirmedSend(sending, clockAt(5 * MINUTE - 1).now())).toEqual({
      action: 'wait',
      until: new Date(claimedAt.getTime() + 5 * MINUTE),
    });
  });

  it('is failed with the stable stuck_unknown reason once five minutes have passed', () => {
    for (const after of [5 * MINUTE, 6 * MINUTE, 24 * 60 * MINUTE])
      expect(decideUnconfirmedSend(sending, clockAt(after).now())).toEqual({
        action: 'fail',
        error: {
          code: 'stuck_unknown',
          title:
            'Bridgeline could not confirm this message was sent. It was not sent again, to avoid a duplicate; retry if needed.',
        },
      });
    expect(UNCONFIRMED_SEND_ERROR.code).toBe('stuck_unknown');
  });

  it('is never resent automatically: the only outcomes are none, wait and fail', () => {
    const actions = new Set(
      [0, MINUTE, 5 * MINUTE, 60 * MINUTE].map(
        (ms) => decideUnconfirmedSend(sending, clockAt(ms).now()).action,
      ),
    );
    expect([...actions].sort()).toEqual(['fail', 'wait']);
  });

  it('leaves alone a message whose Meta id is known, however old the claim', () => {
    const answered = { ...sending, providerMessageId: 'wamid.known' };
    expect(decideUnconfirmedSend(answered, clockAt(60 * MINUTE).now())).toEqual({ action: 'none' });
  });

  it('leaves alone a message that is no longer sending (sent, failed, queued again, held again)', () => {
    for (const status of ['queued', 'held', 'sent', 'delivered', 'read', 'failed'] as const)
      expect(decideUnconfirmedSend({ ...sending, status }, clockAt(60 * MINUTE).now())).toEqual({
        action: 'none',
      });
  });

  it('bounds the sweep’s query at claims made five minutes ago or earlier, the same line the rule draws', () => {
    const now = clockAt(12 * MINUTE).now();
    const bound = claimedUnconfirmedBy(now);
    expect(bound).toEqual(new Date(claimedAt.getTime() + 7 * MINUTE));
    expect(decideUnconfirmedSend({ ...sending, sendingAt: bound }, now).action).toBe('fail');
    expect(decideUnconfirmedSend({ ...sending, sendingAt: new Date(bound.getTime() + 1) }, now).action).toBe(
      'wait',
    );
  });
});
