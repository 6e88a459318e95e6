import { describe, expect, it } from 'vitest';
import { BUTTON_PAYLOADS } from '../domain/consent.js';
import {
  aConversation,
  aMessage,
  aMember,
  aNumber,
  aTenant,
  aThread,
  fakeContext,
  HOUR,
  rows,
} from '../../test/fakes/index.js';
import { receiveMessage, type InboundMessage } from './receive-message.use-case.js';

function inbound(providerNumberId: string, over: Partial<InboundMessage> = {}): InboundMessage {
  return {
    channel: 'whatsapp',
    providerNumberId,
    from: { waId: '14155550123', profileName: 'Dana' },
    providerMessageId: 'wamid.in-1',
    sentAt: new Date('2025-06-02T08:59:00.000Z'),
    type: 'text',
    text: 'Hi there',
    ...over,
  };
}

describe('receiveMessage', () => {
  it('a stranger writing first gets an Unassigned thread of the number’s region and counts as opted in', async () => {
    const w = fakeContext();
    const tenant = aTenant(w);
    const number = aNumber(w, tenant.id, { region: 'eu' });
    const result = await receiveMessage(w.ctx, inbound(number.providerNumberId));
    expect(result).toMatchObject({ ok: true, value: { status: 'stored' } });
    expect(w.state.contacts).toMatchObject([
      { phoneE164: '+14155550123', waId: '14155550123', displayName: 'Dana' },
    ]);
    expect(w.state.threads).toMatchObject([{ unassigned: true, region: 'eu', state: 'open' }]);
    expect(w.state.pairs).toMatchObject([
      { consent: 'opted_in', lastInboundAt: new Date('2025-06-02T08:59:00.000Z') },
    ]);
    expect(w.state.consentEvents).toMatchObject([{ kind: 'opted_in', basis: 'contact_initiated' }]);
    // Their message is the news: no "opted in" notice, nothing sent back.
    expect(w.state.messages.map((m) => m.direction)).toEqual(['in']);
    expect(rows.eventTypes(w.state)).toEqual(['thread.created', 'message.received']);
  });

  it('a webhook delivered twice stores the message once', async () => {
    const w = fakeContext();
    const { number } = aConversation(w);
    await receiveMessage(w.ctx, inbound(number.providerNumberId));
    const again = await receiveMessage(w.ctx, inbound(number.providerNumberId));
    expect(again).toEqual({ ok: true, value: { status: 'duplicate' } });
    expect(w.state.messages.filter((m) => m.direction === 'in')).toHaveLength(1);
  });

  it('a message for a number nobody has is refused', async () => {
    const w = fakeContext();
    expect(await receiveMessage(w.ctx, inbound('unknown'))).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('a message without a sender is refused', async () => {
    const w = fakeContext();
    const { number } = aConversation(w);
    const result = await receiveMessage(
      w.ctx,
      inbound(number.providerNumberId, { from: { waId: null, bsuid: null } }),
    );
    expect(result).toMatchObject({ ok: false, code: 'validation_failed' });
    expect(w.state.messages).toEqual([]);
  });

  it('a known contact’s message goes to their open thread and each member gets the Teams card', async () => {
    const w = fakeContext();
    const { number, thread, alice } = aConversation(w);
    const result = await receiveMessage(w.ctx, inbound(number.providerNumberId));
    expect(result).toMatchObject({ ok: true, value: { threadId: thread.id } });
    expect(rows.jobs(w.state, 'notify')).toMatchObject([
      { data: { kind: 'inbound', memberIds: [alice.id] } },
    ]);
    expect(w.state.participants[0]?.unreadCount).toBe(1);
  });

  it('a reply to a message goes to the thread of the quoted message', async () => {
    const w = fakeContext();
    const { number, thread, alice } = aConversation(w);
    aMessage(w, thread, { providerMessageId: 'wamid.quoted', status: 'sent' });
    w.clock.advance(HOUR);
    const newer = aThread(w, thread, { members: [{ id: alice.id }] });
    const result = await receiveMessage(
      w.ctx,
      inbound(number.providerNumberId, { replyToProviderId: 'wamid.quoted' }),
    );
    expect(result).toMatchObject({ ok: true, value: { threadId: thread.id } });
    expect(rows.messagesOf(w.state, newer.id)).toEqual([]);
  });

  it('STOP opts the contact out, tells the members and confirms to the contact while the window is open', async () => {
    const w = fakeContext();
    const { number, key, thread } = aConversation(w);
    await receiveMessage(w.ctx, inbound(number.providerNumberId, { text: 'STOP', sentAt: w.clock.now() }));
    expect(rows.pair(w.state, key)?.consent).toBe('opted_out');
    expect(w.state.consentEvents).toMatchObject([{ kind: 'opted_out', basis: 'stop', answerText: 'STOP' }]);
    const messages = rows.messagesOf(w.state, thread.id);
    expect(messages.some((m) => m.noticeKind === 'opted_out')).toBe(true);
    expect(messages.filter((m) => m.direction === 'out')).toMatchObject([
      { status: 'queued', senderMemberId: null },
    ]);
  });

  it('accepting the opt-in releases the held messages, after the confirmation', async () => {
    const w = fakeContext();
    const { number, key, thread, alice } = aConversation(w, {
      pair: { consent: 'requested', lastInboundAt: null },
    });
    const held = aMessage(w, thread, { status: 'held', holdReason: 'consent', senderMemberId: alice.id });
    const result = await receiveMessage(
      w.ctx,
      inbound(number.providerNumberId, {
        type: 'text',
        text: undefined,
        buttonPayload: BUTTON_PAYLOADS.accept,
      }),
    );
    expect(result).toMatchObject({ ok: true });
    expect(rows.pair(w.state, key)?.consent).toBe('opted_in');
    expect(rows.message(w.state, held.id)?.status).toBe('queued');
    const confirmation = w.state.messages.find((m) => m.direction === 'out' && m.senderMemberId === null);
    expect(confirmation).toMatchObject({ status: 'queued' });
    // The held message leaves right after the confirmation.
    expect(w.state.messages.find((m) => m.id === held.id)?.sendAfterSeq).toBe(confirmation!.seq);
    expect(rows.messagesOf(w.state, thread.id).some((m) => m.noticeKind === 'opted_in')).toBe(true);
    expect(rows.jobs(w.state, 'deliver').length).toBeGreaterThan(0);
  });

  it('a message from the contact proves they are reachable again', async () => {
    const w = fakeContext();
    const { number, key } = aConversation(w, { pair: { reachability: 'unreachable' } });
    await receiveMessage(w.ctx, inbound(number.providerNumberId));
    expect(rows.pair(w.state, key)?.reachability).toBe('ok');
  });

  it('a message in another tenant’s thread is never routed there by its quote', async () => {
    const w = fakeContext();
    const { number, thread } = aConversation(w);
    const fabrikam = aTenant(w, { name: 'Fabrikam' });
    aMember(w, fabrikam.id);
    const theirs = aNumber(w, fabrikam.id);
    await receiveMessage(w.ctx, inbound(number.providerNumberId, { providerMessageId: 'wamid.a' }));
    const result = await receiveMessage(
      w.ctx,
      inbound(theirs.providerNumberId, { providerMessageId: 'wamid.b', replyToProviderId: 'wamid.a' }),
    );
    expect(result).toMatchObject({ ok: true });
    if (result.ok && result.value.status === 'stored') expect(result.value.threadId).not.toBe(thread.id);
  });
});
