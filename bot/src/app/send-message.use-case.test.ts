import { describe, expect, it } from 'vitest';
import {
  aConversation,
  aMedia,
  aMember,
  aTemplate,
  aThread,
  fakeContext,
  HOUR,
  rows,
} from '../../test/fakes/index.js';
import { sendMessage } from './send-message.use-case.js';

const text = (clientMessageId = 'client-0001', body = 'Your order shipped') => ({
  clientMessageId,
  text: body,
});

describe('sendMessage', () => {
  it('a member of an opted-in thread with the window open queues the message with its delivery job', async () => {
    const w = fakeContext();
    const { alice, thread, key } = aConversation(w);
    const result = await sendMessage(w.ctx, alice, thread.id, text());
    expect(result).toMatchObject({ ok: true, value: { created: true, message: { status: 'queued' } } });
    const [message] = rows.messagesOf(w.state, thread.id);
    expect(message).toMatchObject({ text: 'Your order shipped', senderMemberId: alice.id, status: 'queued' });
    expect(rows.jobs(w.state, 'deliver')).toEqual([
      { name: 'deliver', data: key, singletonKey: `${key.businessNumberId}:${key.contactId}` },
    ]);
    expect(rows.eventTypes(w.state)).toEqual(['message.queued']);
    expect(w.state.live.map((e) => e.type)).toContain('message.created');
    expect(w.state.threads[0]!.lastMessageId).toBe(message!.id);
  });

  it('a message sent twice with the same clientMessageId is stored once', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w);
    await sendMessage(w.ctx, alice, thread.id, text('client-0001'));
    const again = await sendMessage(w.ctx, alice, thread.id, text('client-0001'));
    expect(again).toMatchObject({ ok: true, value: { created: false } });
    expect(rows.messagesOf(w.state, thread.id)).toHaveLength(1);
    expect(rows.jobs(w.state, 'deliver')).toHaveLength(1);
  });

  it('a retried send answers the message it stored, even after the contact opted out meanwhile', async () => {
    const w = fakeContext();
    const { alice, thread, key } = aConversation(w);
    const first = await sendMessage(w.ctx, alice, thread.id, text('client-0001'));
    w.state.pairs.find((p) => p.contactId === key.contactId)!.consent = 'opted_out';
    const retry = await sendMessage(w.ctx, alice, thread.id, text('client-0001'));
    expect(retry).toEqual({ ok: true, value: { message: first.ok && first.value.message, created: false } });
  });

  it('a clientMessageId already used in another thread is refused', async () => {
    const w = fakeContext();
    const { alice, thread, key } = aConversation(w);
    const other = aThread(w, key, { members: [{ id: alice.id }] });
    await sendMessage(w.ctx, alice, thread.id, text('client-0001'));
    const result = await sendMessage(w.ctx, alice, other.id, text('client-0001'));
    expect(result).toMatchObject({ ok: false, code: 'validation_failed' });
  });

  it('a member who is not in the thread cannot send to it', async () => {
    const w = fakeContext();
    const { bob, thread } = aConversation(w);
    expect(await sendMessage(w.ctx, bob, thread.id, text())).toMatchObject({ ok: false, code: 'not_found' });
    expect(w.state.messages).toEqual([]);
  });

  it('a member who left the thread cannot send to it', async () => {
    const w = fakeContext();
    const { alice, bob, thread } = aConversation(w);
    const left = aThread(w, thread, { members: [{ id: alice.id }, { id: bob.id, leftAt: w.clock.now() }] });
    expect(await sendMessage(w.ctx, bob, left.id, text())).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await sendMessage(w.ctx, alice, left.id, text())).toMatchObject({ ok: true });
  });

  it('a disabled member cannot send', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w);
    const result = await sendMessage(w.ctx, { ...alice, enabled: false }, thread.id, text());
    expect(result).toMatchObject({ ok: false, code: 'not_enabled' });
  });

  it('nobody writes to a closed thread', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w, { thread: { state: 'closed' } });
    expect(await sendMessage(w.ctx, alice, thread.id, text())).toMatchObject({
      ok: false,
      code: 'thread_closed',
    });
  });

  it('a contact who opted out gets nothing', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w, { pair: { consent: 'opted_out' } });
    expect(await sendMessage(w.ctx, alice, thread.id, text())).toMatchObject({
      ok: false,
      code: 'opted_out',
    });
    expect(w.state.messages).toEqual([]);
  });

  it('a message to a contact who has not answered the opt-in request is held for consent', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w, { pair: { consent: 'requested' } });
    const result = await sendMessage(w.ctx, alice, thread.id, text());
    expect(result).toMatchObject({ ok: true, value: { message: { status: 'held' } } });
    expect(rows.messagesOf(w.state, thread.id)[0]).toMatchObject({ holdReason: 'consent' });
    expect(rows.jobs(w.state, 'deliver')).toEqual([]);
    expect(rows.eventTypes(w.state)).toEqual(['message.held']);
  });

  it('a message to a contact without consent is refused until the opt-in request goes out', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w, { pair: { consent: 'none' } });
    expect(await sendMessage(w.ctx, alice, thread.id, text())).toMatchObject({
      ok: false,
      code: 'consent_required',
    });
  });

  it('outside the window a message is held and the resume template goes out once per pause', async () => {
    const w = fakeContext();
    const lastInboundAt = new Date(w.clock.now().getTime() - 25 * HOUR);
    const { alice, thread, key } = aConversation(w, { pair: { lastInboundAt } });
    await sendMessage(w.ctx, alice, thread.id, text('client-0001'));
    await sendMessage(w.ctx, alice, thread.id, text('client-0002'));
    const messages = rows.messagesOf(w.state, thread.id);
    expect(messages.filter((m) => m.status === 'held' && m.holdReason === 'window')).toHaveLength(2);
    const templates = messages.filter((m) => m.type === 'template');
    expect(templates).toHaveLength(1);
    expect(templates[0]).toMatchObject({ status: 'queued', template: { name: 'bridgeline_resume' } });
    expect(messages.filter((m) => m.noticeKind === 'window_closed_held')).toHaveLength(1);
    expect(rows.pair(w.state, key)?.resumeRequestedAt).toEqual(w.clock.now());
    expect(rows.jobs(w.state, 'notify')).toMatchObject([
      { data: { kind: 'window_closed_held', memberIds: [alice.id] } },
    ]);
  });

  it('an approved template goes out even when the window is closed', async () => {
    const w = fakeContext();
    const { alice, thread, tenant } = aConversation(w, { pair: { lastInboundAt: null } });
    aTemplate(w, tenant.id);
    const template = { name: 'order_update', language: 'en', parameters: ['A-17'] };
    const result = await sendMessage(w.ctx, alice, thread.id, { clientMessageId: 'client-0001', template });
    expect(result).toMatchObject({ ok: true, value: { message: { status: 'queued' } } });
    expect(rows.messagesOf(w.state, thread.id)[0]?.text).toBe('Your order A-17 is on its way.');
  });

  it('SMS carries text only', async () => {
    const w = fakeContext();
    const { alice, thread, tenant } = aConversation(w, { channel: 'sms' });
    const media = aMedia(w, tenant.id, { uploadedBy: alice.id });
    const result = await sendMessage(w.ctx, alice, thread.id, {
      clientMessageId: 'client-0001',
      mediaId: media.id,
    });
    expect(result).toMatchObject({ ok: false, code: 'validation_failed' });
  });

  it('an image is sent only once its sender uploaded it', async () => {
    const w = fakeContext();
    const { alice, thread, tenant } = aConversation(w);
    const carol = aMember(w, tenant.id);
    const notMine = aMedia(w, tenant.id, { uploadedBy: carol.id });
    const mine = aMedia(w, tenant.id, { uploadedBy: alice.id });
    const refused = await sendMessage(w.ctx, alice, thread.id, {
      clientMessageId: 'client-0001',
      mediaId: notMine.id,
    });
    expect(refused).toMatchObject({ ok: false, code: 'validation_failed' });
    const sent = await sendMessage(w.ctx, alice, thread.id, {
      clientMessageId: 'client-0002',
      mediaId: mine.id,
      caption: ' Invoice ',
    });
    expect(sent).toMatchObject({ ok: true });
    expect(rows.messagesOf(w.state, thread.id)[0]).toMatchObject({
      type: 'image',
      mediaId: mine.id,
      text: 'Invoice',
    });
  });

  it('an unreachable contact is refused', async () => {
    const w = fakeContext();
    const { alice, thread } = aConversation(w, { pair: { reachability: 'unreachable' } });
    expect(await sendMessage(w.ctx, alice, thread.id, text())).toMatchObject({
      ok: false,
      code: 'unreachable',
    });
  });
});
