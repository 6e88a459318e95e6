import { describe, expect, it } from 'vitest';
import { UNCONFIRMED_SEND_ERROR } from '../domain/unconfirmed-send.js';
import { aConversation, aMessage, fakeContext, rows } from '../../test/fakes/index.js';
import { applyStatus } from './apply-status.use-case.js';
import { META_ERROR } from './delivery-failures.js';

function sentMessage(over: Parameters<typeof aMessage>[2] = {}) {
  const w = fakeContext();
  const scene = aConversation(w);
  const message = aMessage(w, scene.thread, {
    status: 'sent',
    providerMessageId: 'wamid.1',
    senderMemberId: scene.alice.id,
    ...over,
  });
  return { w, ...scene, message };
}

describe('applyStatus', () => {
  it('a delivery status moves the message forward and tells the tabs', async () => {
    const { w, message } = sentMessage();
    const result = await applyStatus(w.ctx, {
      providerMessageId: 'wamid.1',
      status: 'delivered',
      at: w.clock.now(),
    });
    expect(result).toEqual({ ok: true, value: { changed: true } });
    expect(rows.message(w.state, message.id)?.status).toBe('delivered');
    expect(rows.eventTypes(w.state)).toEqual(['message.delivered']);
    expect(w.state.live.map((e) => e.type)).toEqual(['message.updated']);
  });

  it('a late status never moves a message back', async () => {
    const { w, message } = sentMessage({ status: 'read' });
    const result = await applyStatus(w.ctx, {
      providerMessageId: 'wamid.1',
      status: 'delivered',
      at: w.clock.now(),
    });
    expect(result).toEqual({ ok: true, value: { changed: false } });
    expect(rows.message(w.state, message.id)?.status).toBe('read');
  });

  it('a status delivered twice is kept once', async () => {
    const { w, tenant } = sentMessage();
    const input = {
      providerMessageId: 'wamid.1',
      status: 'delivered' as const,
      at: w.clock.now(),
      tenantId: tenant.id,
    };
    await applyStatus(w.ctx, input);
    expect(await applyStatus(w.ctx, input)).toEqual({ ok: true, value: { changed: false } });
    expect(w.state.statuses).toHaveLength(1);
  });

  it('a status for a message we do not know changes nothing', async () => {
    const { w } = sentMessage();
    const result = await applyStatus(w.ctx, {
      providerMessageId: 'wamid.other',
      status: 'read',
      at: w.clock.now(),
    });
    expect(result).toEqual({ ok: true, value: { changed: false } });
  });

  it('a status that arrives before the send’s answer finds the message by our own id and keeps Meta’s id', async () => {
    const { w, message, tenant } = sentMessage({ status: 'sending', providerMessageId: null });
    const result = await applyStatus(w.ctx, {
      providerMessageId: 'wamid.early',
      status: 'sent',
      at: w.clock.now(),
      tenantId: tenant.id,
      messageId: message.id,
    });
    expect(result).toEqual({ ok: true, value: { changed: true } });
    expect(rows.message(w.state, message.id)).toMatchObject({
      status: 'sent',
      providerMessageId: 'wamid.early',
    });
  });

  it('a failure after Meta accepted the send fails the message and its sender gets the card', async () => {
    const { w, message, alice } = sentMessage();
    const error = { code: '131051', title: 'Unsupported message type' };
    await applyStatus(w.ctx, { providerMessageId: 'wamid.1', status: 'failed', at: w.clock.now(), error });
    expect(rows.message(w.state, message.id)).toMatchObject({ status: 'failed', error });
    expect(rows.jobs(w.state, 'notify')).toMatchObject([
      { data: { kind: 'send_failed', memberIds: [alice.id] } },
    ]);
  });

  it('a failure because the number is not on WhatsApp marks the pair unreachable', async () => {
    const { w, key } = sentMessage();
    const error = { code: META_ERROR.unreachable, title: 'Not on WhatsApp' };
    await applyStatus(w.ctx, { providerMessageId: 'wamid.1', status: 'failed', at: w.clock.now(), error });
    expect(rows.pair(w.state, key)?.reachability).toBe('unreachable');
    expect(rows.jobs(w.state, 'notify').map((j) => j.data.kind)).toEqual(['unreachable']);
  });

  it('Meta’s window closed: the message is held again, its attempt forgotten, and the resume template queued', async () => {
    const { w, message } = sentMessage();
    const error = { code: META_ERROR.windowClosed, title: 'Re-engagement message' };
    const result = await applyStatus(w.ctx, {
      providerMessageId: 'wamid.1',
      status: 'failed',
      at: w.clock.now(),
      error,
    });
    expect(result).toEqual({ ok: true, value: { changed: true } });
    expect(rows.message(w.state, message.id)).toMatchObject({ status: 'held', providerMessageId: null });
    expect(w.state.messages.filter((m) => m.template?.name === 'bridgeline_resume')).toHaveLength(1);
  });

  it('a message we failed as unconfirmed is sent after all when Meta reports it delivered', async () => {
    const { w, message } = sentMessage({ status: 'failed', error: UNCONFIRMED_SEND_ERROR });
    await applyStatus(w.ctx, { providerMessageId: 'wamid.1', status: 'delivered', at: w.clock.now() });
    expect(rows.message(w.state, message.id)).toMatchObject({ status: 'delivered', error: null });
  });
});
