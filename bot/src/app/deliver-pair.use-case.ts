import { textForContact } from '../domain/outbound-text.js';
import type { MessageRecord, OutboundMessage, PairKey, SendOutcome, WhatsAppGateway } from '../ports.js';
import { deliverKey, type AppContext } from './context.js';
import { askToResume, markUnreachable } from './delivery-failures.js';
import { publish, sendFailed } from './thread-activity.js';

/** Raised when the provider asks us to try again later; the job queue retries with backoff. */
export class RetryLater extends Error {}

/**
 * The worker side of sending: drains one (business number, contact)'s queued messages, oldest first. No transaction
 * is held open during the provider call: the message moves queued → sending first, and its outcome is stored after.
 */
export async function deliverPair(ctx: AppContext, gateway: WhatsAppGateway, key: PairKey): Promise<number> {
  let sent = 0;
  for (;;) {
    const claimed = await ctx.uow.run(async (store) => {
      const message = await store.messages.nextQueued(key);
      if (!message) return null;
      if (message.providerMessageId !== null) {
        // Meta already has it (a status webhook recorded its id first): never send it twice.
        await store.messages.transition(message.id, ['queued'], 'sent');
        return { skipped: true as const };
      }
      if (!(await store.messages.transition(message.id, ['queued'], 'sending'))) return null;
      const thread = await store.threads.byId(key.tenantId, message.threadId);
      const number = await store.numbers.byId(key.tenantId, key.businessNumberId);
      const contact = await store.contacts.byId(key.tenantId, key.contactId);
      const active = await store.participants.active(message.threadId);
      if (!thread || !number || !contact)
        throw new Error(`message ${message.id} lost its thread, number or contact`);
      publish(store, thread, { type: 'message.updated', threadId: thread.id, messageId: message.id });
      return { message, outbound: outboundOf(message, thread.channel, number, contact, active.length) };
    });
    if (!claimed) return sent;
    if ('skipped' in claimed) continue;
    const outcome = await gateway.send(claimed.outbound);
    await recordOutcome(ctx, claimed.message, claimed.outbound, outcome);
    // A known wait (rate limit) is a deferred job, not a failure; otherwise the queue retries with backoff.
    if (!outcome.ok && outcome.kind === 'retry' && outcome.retryAfterMs === undefined)
      throw new RetryLater(`${outcome.code} ${outcome.title}`);
    if (!outcome.ok && outcome.kind === 'retry') return sent;
    if (outcome.ok) sent++;
  }
}

function outboundOf(
  m: MessageRecord,
  channel: OutboundMessage['channel'],
  from: OutboundMessage['from'],
  to: OutboundMessage['to'],
  memberCount: number,
): OutboundMessage {
  if (m.type === 'template' && m.template)
    return { channel, from, to, messageId: m.id, content: { type: 'template', template: m.template } };
  if (m.type === 'image' && m.mediaId)
    return {
      channel,
      from,
      to,
      messageId: m.id,
      content: { type: 'image', mediaId: m.mediaId, caption: m.text },
    };
  // Member messages carry the sender's name when several members share the thread; system lines don't.
  const text = m.senderName ? textForContact(m.text ?? '', m.senderName, memberCount) : (m.text ?? '');
  return { channel, from, to, messageId: m.id, content: { type: 'text', text } };
}

async function recordOutcome(
  ctx: AppContext,
  message: MessageRecord,
  outbound: OutboundMessage,
  outcome: SendOutcome,
) {
  const now = ctx.clock.now();
  await ctx.uow.run(async (store) => {
    const thread = await store.threads.byId(message.tenantId, message.threadId);
    if (!thread) return;
    const key = {
      tenantId: message.tenantId,
      businessNumberId: message.businessNumberId,
      contactId: message.contactId,
    };
    const sentText = outbound.content.type === 'text' ? outbound.content.text : undefined;
    publish(store, thread, { type: 'message.updated', threadId: thread.id, messageId: message.id });
    publish(store, thread, { type: 'thread.updated', threadId: thread.id });
    if (outcome.ok) {
      await store.messages.transition(message.id, ['sending'], 'sent', {
        providerMessageId: outcome.providerMessageId,
        ...(sentText ? { sentText } : {}),
      });
      await store.events.append({
        tenantId: thread.tenantId,
        type: 'message.sent',
        threadId: thread.id,
        payload: {
          messageId: message.id,
          providerMessageId: outcome.providerMessageId,
          content: outbound.content,
        },
        occurredAt: now,
      });
      return;
    }
    const error = {
      code: outcome.code,
      title: outcome.title,
      ...(outcome.details ? { details: outcome.details } : {}),
    };
    switch (outcome.kind) {
      case 'retry':
        await store.messages.transition(message.id, ['sending'], 'queued');
        if (outcome.retryAfterMs !== undefined)
          await store.jobs.send({
            name: 'deliver',
            data: key,
            singletonKey: deliverKey(key),
            startAfterMs: outcome.retryAfterMs,
          });
        return;
      case 'window_closed':
        // Our clock and Meta's disagree: hold it like any message outside the window, with the resume template.
        if (await store.messages.transition(message.id, ['sending'], 'held'))
          await askToResume(store, ctx, thread, key, message, now);
        return;
      case 'unreachable':
        await store.messages.transition(message.id, ['sending'], 'failed', { error });
        await markUnreachable(store, thread, key, outcome.code, now);
        return;
      case 'permanent':
        await store.messages.transition(message.id, ['sending'], 'failed', { error });
        await sendFailed(store, thread, message);
        await store.events.append({
          tenantId: thread.tenantId,
          type: 'message.failed',
          threadId: thread.id,
          payload: { messageId: message.id, error },
          occurredAt: now,
        });
        return;
    }
  });
}
