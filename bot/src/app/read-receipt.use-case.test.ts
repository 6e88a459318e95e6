import { describe, expect, it } from 'vitest';
import { aConversation, aMessage, fakeContext, fakeGateway, refused } from '../../test/fakes/index.js';
import { RetryLater } from './deliver-pair.use-case.js';
import { sendReadReceipt } from './read-receipt.use-case.js';

function inboundMessage(channel: 'whatsapp' | 'sms' = 'whatsapp') {
  const w = fakeContext();
  const scene = aConversation(w, { channel });
  const message = aMessage(w, scene.thread, {
    direction: 'in',
    status: 'delivered',
    providerMessageId: 'wamid.in',
  });
  return { w, ...scene, message, job: { tenantId: scene.tenant.id, messageId: message.id } };
}

describe('sendReadReceipt', () => {
  it('tells Meta the business read the contact’s message, from the number it came to', async () => {
    const { w, job, number } = inboundMessage();
    const gateway = fakeGateway();
    expect(await sendReadReceipt(w.ctx, gateway, job)).toEqual({ ok: true });
    expect(gateway.reads).toEqual([{ from: number, providerMessageId: 'wamid.in' }]);
  });

  it('a gateway without read receipts sends none', async () => {
    const { w, job } = inboundMessage();
    const result = await sendReadReceipt(w.ctx, fakeGateway({ readReceipts: false }), job);
    expect(result).toMatchObject({ ok: false, kind: 'skipped' });
  });

  it('an SMS message gets no read receipt', async () => {
    const { w, job } = inboundMessage('sms');
    const gateway = fakeGateway();
    expect(await sendReadReceipt(w.ctx, gateway, job)).toMatchObject({ ok: false, kind: 'skipped' });
    expect(gateway.reads).toEqual([]);
  });

  it('a message we do not know gets no read receipt', async () => {
    const { w, tenant } = inboundMessage();
    const gateway = fakeGateway();
    const result = await sendReadReceipt(w.ctx, gateway, {
      tenantId: tenant.id,
      messageId: 'no-such-message',
    });
    expect(result).toMatchObject({ ok: false, kind: 'skipped' });
  });

  it('throttling is retried by the job queue; other refusals are given up', async () => {
    const { w, job } = inboundMessage();
    const gateway = fakeGateway();
    gateway.answerRead(refused('retry', '130429'), refused('permanent', '100'));
    await expect(sendReadReceipt(w.ctx, gateway, job)).rejects.toBeInstanceOf(RetryLater);
    expect(await sendReadReceipt(w.ctx, gateway, job)).toMatchObject({ ok: false, kind: 'permanent' });
  });
});
