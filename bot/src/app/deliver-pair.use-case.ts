import { textForContact } from '../domain/outbound-text.js';
import type {
  MessageRecord,
  OutboundMessage,
  PairKey,
  SendOutcome,
  Store,
  WhatsAppGateway,
} from '../ports/index.js';
import { deliverKey, type AppContext } from './context.js';
import {
  askToResume,
  markUnreachable,
  type ResumeStore,
  type UnreachableStore,
} from './delivery-failures.js';
import { publish, sendFailed } from './thread-activity.js';

/** Raised when the provider asks us to try again later; the job queue retries with backoff. */
export class RetryLater extends Error {}

/** What draining a pair touches: the claims, the pair's two ends, and what a refusal means for the pair. */
export type DeliverStore = ResumeStore & UnreachableStore & Pick<Store, 'delivery' | 'numbers'>;

interface Claimed {
  message: MessageRecord;
  outbound: OutboundMessage;
}
interface Attempt extends Claimed {
  outcome: SendOutcome;
}

/**
 * The worker side of sending: drains one (business number, contact)'s queued messages, oldest first, one at a time.
 * No transaction is held open during the provider call: the message moves queued → sending first (one statement), and
 * its outcome is stored after — in the transaction that claims the next message, so a message costs one transaction.
 * A pair has at most one message in `sending`, so a crash strands at most the one whose fate Meta knows (its status
 * webhook carries our id in `biz_opaque_callback_data`).
 */
export async function deliverPair(
  ctx: AppContext<DeliverStore>,
  gateway: WhatsAppGateway,
  key: PairKey,
): Promise<number> {
  let sent = 0;
  let ends: Ends | null = null;
  let last: Attempt | null = null;
  for (;;) {
    const attempt: Attempt | null = last;
    let claimed: Claimed | null;
    try {
      claimed = await ctx.uow.run(async (store) => {
        if (attempt) {
          await recordOutcome(store, ctx, attempt);
          // Meta asked to wait: the rest of the pair waits too, in order.
          if (!attempt.outcome.ok && attempt.outcome.kind === 'retry') return null;
        }
        for (;;) {
          const next = await store.delivery.claimNext(key, ctx.clock.now());
          if (!next) return null;
          // Meta already has it (a status webhook recorded its id first): never send it twice.
          if (next.skipped) {
            publishUpdated(store, next.message);
            continue;
          }
          ends ??= await endsOf(store, key);
          publishUpdated(store, next.message);
          const outbound = outboundOf(next.message, next.channel, ends.from, ends.to, next.activeMembers);
          return { message: next.message, outbound };
        }
      });
    } catch (error) {
      // A failed claim must not take the previous outcome (Meta's id) down with it.
      if (attempt) await ctx.uow.run((store) => recordOutcome(store, ctx, attempt));
      throw error;
    }
    if (attempt && !attempt.outcome.ok && attempt.outcome.kind === 'retry') {
      // A known wait (rate limit) is a deferred job, not a failure; otherwise the queue retries with backoff.
      if (attempt.outcome.retryAfterMs === undefined)
        throw new RetryLater(`${attempt.outcome.code} ${attempt.outcome.title}`);
      return sent;
    }
    if (!claimed) return sent;
    const outcome = await gateway.send(claimed.outbound);
    if (outcome.ok) sent++;
    last = { ...claimed, outcome };
  }
}

interface Ends {
  from: OutboundMessage['from'];
  to: OutboundMessage['to'];
}

async function endsOf(store: Pick<Store, 'numbers' | 'contacts'>, key: PairKey): Promise<Ends> {
  const from = await store.numbers.byId(key.tenantId, key.businessNumberId);
  const to = await store.contacts.byId(key.tenantId, key.contactId);
  if (!from || !to) throw new Error(`pair ${deliverKey(key)} lost its number or contact`);
  return { from, to };
}

function publishUpdated(store: Pick<Store, 'live'>, m: MessageRecord): void {
  store.live.publish({
    type: 'message.updated',
    threadId: m.threadId,
    messageId: m.id,
    tenantId: m.tenantId,
  });
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
  store: DeliverStore,
  ctx: Pick<AppContext, 'clock' | 'templates'>,
  attempt: Attempt,
): Promise<void> {
  const { message, outbound, outcome } = attempt;
  const now = ctx.clock.now();
  if (outcome.ok) {
    await store.delivery.recordSent({
      message,
      providerMessageId: outcome.providerMessageId,
      sentText: (outbound.content.type === 'text' && outbound.content.text) || null,
      content: outbound.content,
      occurredAt: now,
    });
    publishUpdated(store, message);
    store.live.publish({ type: 'thread.updated', threadId: message.threadId, tenantId: message.tenantId });
    return;
  }
  const thread = await store.threads.byId(message.tenantId, message.threadId);
  if (!thread) return;
  const key = {
    tenantId: message.tenantId,
    businessNumberId: message.businessNumberId,
    contactId: message.contactId,
  };
  publish(store, thread, { type: 'message.updated', threadId: thread.id, messageId: message.id });
  publish(store, thread, { type: 'thread.updated', threadId: thread.id });
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
}
