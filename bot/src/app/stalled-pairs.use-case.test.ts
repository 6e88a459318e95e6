import { describe, expect, it } from 'vitest';
import { STALLED_QUEUED_AFTER_MS } from '../domain/stalled-pair.js';
import { aConversation, aMessage, fakeContext, rows } from '../../test/fakes/index.js';
import { redrainStalledPairs } from './stalled-pairs.use-case.js';

describe('redrainStalledPairs', () => {
  it('a pair whose queued message no drain took is scheduled again', async () => {
    const w = fakeContext();
    const { thread, key } = aConversation(w);
    aMessage(w, thread, { status: 'queued' });
    w.clock.advance(STALLED_QUEUED_AFTER_MS + 1);
    expect(await redrainStalledPairs(w.ctx)).toBe(1);
    expect(rows.jobs(w.state, 'deliver')).toEqual([
      { name: 'deliver', data: key, singletonKey: `${key.businessNumberId}:${key.contactId}` },
    ]);
  });

  it('a message queued a moment ago is left to its drain', async () => {
    const w = fakeContext();
    const { thread } = aConversation(w);
    aMessage(w, thread, { status: 'queued' });
    w.clock.advance(STALLED_QUEUED_AFTER_MS - 1);
    expect(await redrainStalledPairs(w.ctx)).toBe(0);
    expect(w.state.jobs).toEqual([]);
  });

  it('a pair with a message in flight is not stalled', async () => {
    const w = fakeContext();
    const { thread } = aConversation(w);
    aMessage(w, thread, { status: 'sending', sendingAt: w.clock.now() });
    aMessage(w, thread, { status: 'queued' });
    w.clock.advance(STALLED_QUEUED_AFTER_MS + 1);
    expect(await redrainStalledPairs(w.ctx)).toBe(0);
  });

  it('held messages are not looked at', async () => {
    const w = fakeContext();
    const { thread } = aConversation(w);
    aMessage(w, thread, { status: 'held', holdReason: 'window' });
    w.clock.advance(STALLED_QUEUED_AFTER_MS + 1);
    expect(await redrainStalledPairs(w.ctx)).toBe(0);
  });
});
