import { describe, expect, it } from 'vitest';
import { UNCONFIRMED_SEND_AFTER_MS, UNCONFIRMED_SEND_ERROR } from '../domain/unconfirmed-send.js';
import { aConversation, aMessage, fakeContext, rows } from '../../test/fakes/index.js';
import { sweepUnconfirmedSends } from './unconfirmed-sends.use-case.js';

function claimedSend() {
  const w = fakeContext();
  const scene = aConversation(w);
  const message = aMessage(w, scene.thread, {
    status: 'sending',
    sendingAt: w.clock.now(),
    senderMemberId: scene.alice.id,
  });
  const behind = aMessage(w, scene.thread, { status: 'queued' });
  return { w, ...scene, message, behind };
}

describe('sweepUnconfirmedSends', () => {
  it('a send Meta never answered is failed, its sender told, and the pair drained again', async () => {
    const { w, message, key, alice } = claimedSend();
    w.clock.advance(UNCONFIRMED_SEND_AFTER_MS + 1);
    expect(await sweepUnconfirmedSends(w.ctx)).toBe(1);
    expect(rows.message(w.state, message.id)).toMatchObject({
      status: 'failed',
      error: UNCONFIRMED_SEND_ERROR,
    });
    expect(rows.eventTypes(w.state)).toEqual(['message.failed']);
    expect(rows.jobs(w.state, 'notify')).toMatchObject([
      { data: { kind: 'send_failed', memberIds: [alice.id] } },
    ]);
    expect(rows.jobs(w.state, 'deliver')).toMatchObject([{ data: key }]);
  });

  it('a send still within its wait is left alone', async () => {
    const { w, message } = claimedSend();
    w.clock.advance(UNCONFIRMED_SEND_AFTER_MS - 1);
    expect(await sweepUnconfirmedSends(w.ctx)).toBe(0);
    expect(rows.message(w.state, message.id)?.status).toBe('sending');
    expect(w.state.jobs).toEqual([]);
  });

  it('a send whose id Meta gave is never failed by the sweep', async () => {
    const { w, message } = claimedSend();
    w.state.messages.find((m) => m.id === message.id)!.providerMessageId = 'wamid.1';
    w.clock.advance(UNCONFIRMED_SEND_AFTER_MS + 1);
    expect(await sweepUnconfirmedSends(w.ctx)).toBe(0);
  });
});
