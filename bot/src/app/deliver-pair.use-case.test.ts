import { describe, expect, it } from 'vitest';
import { aConversation, aMessage, fakeContext, fakeGateway, refused, rows } from '../../test/fakes/index.js';
import { META_ERROR } from './delivery-failures.js';
import { deliverPair, RetryLater } from './deliver-pair.use-case.js';

function queuedPair() {
  const w = fakeContext();
  const scene = aConversation(w);
  const first = aMessage(w, scene.thread, { text: 'first', senderMemberId: scene.alice.id });
  const second = aMessage(w, scene.thread, { text: 'second', senderMemberId: scene.alice.id });
  return { w, ...scene, first, second };
}

describe('deliverPair', () => {
  it('sends the pair’s queued messages oldest first and keeps Meta’s id on each', async () => {
    const { w, key, first, second } = queuedPair();
    const gateway = fakeGateway();
    expect(await deliverPair(w.ctx, gateway, key)).toBe(2);
    expect(gateway.sent.map((m) => m.content)).toEqual([
      { type: 'text', text: 'first' },
      { type: 'text', text: 'second' },
    ]);
    expect(rows.message(w.state, first.id)).toMatchObject({ status: 'sent', providerMessageId: 'wamid.1' });
    expect(rows.message(w.state, second.id)).toMatchObject({ status: 'sent', providerMessageId: 'wamid.2' });
    expect(rows.eventTypes(w.state)).toEqual(['message.sent', 'message.sent']);
  });

  it('a member’s message carries the sender’s name when several members share the thread', async () => {
    const { w, key, thread, bob } = queuedPair();
    w.state.participants.push({
      ...w.state.participants[0]!,
      id: 'p-bob',
      memberId: bob.id,
      threadId: thread.id,
    });
    const gateway = fakeGateway();
    await deliverPair(w.ctx, gateway, key);
    expect(gateway.sent[0]?.content).toEqual({ type: 'text', text: '*Alice Johnson:* first' });
  });

  it('a message Meta already has is never sent twice', async () => {
    const { w, key, first } = queuedPair();
    w.state.messages.find((m) => m.id === first.id)!.providerMessageId = 'wamid.known';
    const gateway = fakeGateway();
    expect(await deliverPair(w.ctx, gateway, key)).toBe(1);
    expect(gateway.sent.map((m) => m.messageId)).not.toContain(first.id);
    expect(rows.message(w.state, first.id)).toMatchObject({
      status: 'sent',
      providerMessageId: 'wamid.known',
    });
  });

  it('a pair with a message in flight sends nothing more', async () => {
    const { w, key, first } = queuedPair();
    w.state.messages.find((m) => m.id === first.id)!.status = 'sending';
    const gateway = fakeGateway();
    expect(await deliverPair(w.ctx, gateway, key)).toBe(0);
    expect(gateway.sent).toEqual([]);
  });

  it('a rate limit puts the message back in the queue and defers the pair’s drain', async () => {
    const { w, key, first, second } = queuedPair();
    const gateway = fakeGateway();
    gateway.answer(refused('retry', '130429', { retryAfterMs: 5_000 }));
    expect(await deliverPair(w.ctx, gateway, key)).toBe(0);
    expect(gateway.sent).toHaveLength(1);
    expect(rows.message(w.state, first.id)?.status).toBe('queued');
    expect(rows.message(w.state, second.id)?.status).toBe('queued');
    expect(rows.jobs(w.state, 'deliver')).toMatchObject([{ data: key, startAfterMs: 5_000 }]);
  });

  it('a transient refusal without a known wait is retried by the job queue', async () => {
    const { w, key, first } = queuedPair();
    const gateway = fakeGateway();
    gateway.answer(refused('retry', '131000'));
    await expect(deliverPair(w.ctx, gateway, key)).rejects.toBeInstanceOf(RetryLater);
    expect(rows.message(w.state, first.id)?.status).toBe('queued');
  });

  it('a permanent refusal fails the message and its sender gets the card with Retry', async () => {
    const { w, key, first, alice } = queuedPair();
    const gateway = fakeGateway();
    gateway.answer(refused('permanent', '131051'));
    expect(await deliverPair(w.ctx, gateway, key)).toBe(1);
    expect(rows.message(w.state, first.id)).toMatchObject({ status: 'failed', error: { code: '131051' } });
    expect(rows.jobs(w.state, 'notify')).toMatchObject([
      { data: { kind: 'send_failed', memberIds: [alice.id], subjectId: first.id } },
    ]);
    expect(rows.eventTypes(w.state)).toContain('message.failed');
  });

  it('a number not on WhatsApp marks the pair unreachable once, with evidence and a notice', async () => {
    const { w, key, first } = queuedPair();
    const gateway = fakeGateway();
    gateway.answer(
      refused('unreachable', META_ERROR.unreachable),
      refused('unreachable', META_ERROR.unreachable),
    );
    await deliverPair(w.ctx, gateway, key);
    expect(rows.message(w.state, first.id)?.status).toBe('failed');
    expect(rows.pair(w.state, key)?.reachability).toBe('unreachable');
    expect(w.state.consentEvents).toMatchObject([{ kind: 'unreachable', basis: META_ERROR.unreachable }]);
    expect(w.state.messages.filter((m) => m.noticeKind === 'unreachable')).toHaveLength(1);
  });

  it('Meta saying the window closed holds the message and asks the contact to resume', async () => {
    const { w, key, first } = queuedPair();
    const gateway = fakeGateway();
    gateway.answer(refused('window_closed', META_ERROR.windowClosed));
    await deliverPair(w.ctx, gateway, key);
    expect(rows.message(w.state, first.id)?.status).toBe('held');
    expect(w.state.messages.filter((m) => m.template?.name === 'bridgeline_resume')).toHaveLength(1);
    expect(rows.pair(w.state, key)?.resumeRequestedAt).toEqual(w.clock.now());
  });
});
